package dev.berth.image.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;

/** Reads image config blobs; content-addressed blobs never change, so parsed configs are cached. */
final class ImageConfigReader {

    private final Provider content;
    private final Map<Digest, ImageConfigDocument> cache = new ConcurrentHashMap<>();

    ImageConfigReader(Provider content) {
        this.content = content;
    }

    ImageConfigDocument read(Digest configDigest) {
        return cache.computeIfAbsent(configDigest, this::load);
    }

    private ImageConfigDocument load(Digest configDigest) {
        try (InputStream in = content.open(configDigest)) {
            return ImageConfigCodec.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

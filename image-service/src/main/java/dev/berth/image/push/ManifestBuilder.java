package dev.berth.image.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.ImageManifest;
import dev.berth.image.registry.MediaTypes;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * A Docker image manifest (schema 2) for an image that came from no registry (an import, a load of
 * a plain tar): the config and each layer gzipped. The manifest is stored as a blob; the caller
 * records it with the image so the next push reuses it.
 */
final class ManifestBuilder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ContentStore content;
    private final LayerCompressor compressor;

    ManifestBuilder(ContentStore content) {
        this.content = content;
        this.compressor = new LayerCompressor(content);
    }

    PushableManifest build(ImageRecord image) {
        long configSize = content.info(image.configDigest()).orElseThrow(() ->
                new IllegalStateException("config " + image.configDigest() + " of a recorded image is missing")).size();
        List<Descriptor> layers = new ArrayList<>();
        for (LayerRecord layer : image.layers()) {
            BlobInfo gzipped = compressor.gzipped(layer);
            layers.add(Descriptor.of(MediaTypes.DOCKER_LAYER, gzipped.digest(), gzipped.size()));
        }
        Descriptor config = Descriptor.of(MediaTypes.DOCKER_CONFIG, image.configDigest(), configSize);
        byte[] bytes = JSON.writeValueAsBytes(json(config, layers));
        Digest digest = store(bytes);
        return new PushableManifest(digest, MediaTypes.DOCKER_MANIFEST, bytes,
                new ImageManifest(MediaTypes.DOCKER_MANIFEST, config, layers));
    }

    private static Map<String, Object> json(Descriptor config, List<Descriptor> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        manifest.put("config", descriptor(config));
        manifest.put("layers", layers.stream().map(ManifestBuilder::descriptor).toList());
        return manifest;
    }

    private static Map<String, Object> descriptor(Descriptor descriptor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mediaType", descriptor.mediaType());
        json.put("size", descriptor.size());
        json.put("digest", descriptor.digest().toString());
        return json;
    }

    private Digest store(byte[] bytes) {
        try (ContentWriter writer = content.writer()) {
            writer.stream().write(bytes);
            return writer.commit(bytes.length, Digest.of(bytes)).digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

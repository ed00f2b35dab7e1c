package dev.berth.node.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.berth.common.digest.Digest;
import dev.berth.common.fs.AtomicFiles;

/**
 * What an unpack measured of a layer: the digest and size of its decompressed tar, which a puller
 * compares with the image config's diff id. Kept beside the snapshot ({@code <snapshot>/diff},
 * one line "sha256:<hex> <size>") so a later prepare of the same layer answers the same.
 */
public record LayerMeasure(Digest diffId, long size) {

    static final String FILE = "diff";

    void writeInto(Path snapshot) throws IOException {
        AtomicFiles.write(snapshot.resolve(FILE), (diffId + " " + size + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The measure kept with a snapshot; empty for a snapshot unpacked before nodes kept one. */
    static Optional<LayerMeasure> readFrom(Path snapshot) {
        try {
            String[] words = Files.readString(snapshot.resolve(FILE), StandardCharsets.US_ASCII).trim().split(" ");
            return Optional.of(new LayerMeasure(Digest.parse(words[0]), Long.parseLong(words[1])));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: the puller checks the blob itself
        }
    }
}

package dev.berth.image.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Scratch files for uploads in progress (an import's raw tarball arrives in chunks before it is
 * read). Nothing here survives a restart: the directory is emptied when the service starts.
 */
public final class StagingArea {

    private final Path directory;

    public StagingArea(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> leftovers = Files.list(directory)) {
                for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare staging directory " + directory, e);
        }
    }

    public Path newFile() {
        try {
            return Files.createTempFile(directory, "upload-", ".tar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

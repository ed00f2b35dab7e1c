package dev.berth.node.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The bytes under a directory as dockerd counts a writable layer: the apparent sizes of everything
 * but directories (files, symlinks), each inode once so that hard links count once, links not
 * followed. Files that vanish during the walk (a running container) are skipped.
 */
final class DirectorySize {

    private DirectorySize() {
    }

    static long of(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Set<Object> seen = new HashSet<>();
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    long size = attrs.size();
                    if (attrs.isDirectory() || size == 0) {
                        return FileVisitResult.CONTINUE;
                    }
                    Object key = attrs.fileKey();
                    if (key == null || seen.add(key)) {
                        total[0] += size;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
        return total[0];
    }
}

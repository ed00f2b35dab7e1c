package dev.berth.node.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySizeTest {

    @TempDir
    Path dir;

    @Test
    void of_filesAndSymlinks_directoriesNotCounted() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.write(dir.resolve("a/b/f"), new byte[1000]);
        Files.write(dir.resolve("g"), new byte[24]);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a/b/f"));

        assertThat(DirectorySize.of(dir)).isEqualTo(1000 + 24 + "a/b/f".length());
    }

    @Test
    void of_hardLinks_countOnce() throws Exception {
        Files.write(dir.resolve("f"), new byte[500]);
        Files.createLink(dir.resolve("f2"), dir.resolve("f"));

        assertThat(DirectorySize.of(dir)).isEqualTo(500);
    }

    @Test
    void of_missingDirectory_isZero() {
        assertThat(DirectorySize.of(dir.resolve("none"))).isZero();
    }
}

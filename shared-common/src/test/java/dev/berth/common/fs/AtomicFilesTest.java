package dev.berth.common.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_replacesTheTargetAndLeavesNoTempFile() throws Exception {
        Path target = dir.resolve("state.json");
        Files.writeString(target, "old");

        AtomicFiles.write(target, "new".getBytes());

        assertThat(target).hasContent("new");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(target);
        }
    }
}

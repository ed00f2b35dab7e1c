package dev.berth.gateway.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.gateway.build.BuildFailure;
import dev.berth.gateway.build.context.BuildContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextSourcesTest {

    @TempDir
    Path dir;

    private BuildContext context(String... files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (int i = 0; i < files.length; i += 2) {
                byte[] data = files[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(files[i]);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return BuildContext.receive(new ByteArrayInputStream(bytes.toByteArray()), dir, 1 << 20);
    }

    private static List<String> names(CopyTar tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = tar.open(); TarArchiveInputStream read = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = read.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void aDirectoryCopy_leavesOutWhatDockerignoreExcludes_butKeepsWhatAnExceptionTakesBack() throws IOException {
        try (BuildContext context = context(".dockerignore", "logs\n**/*.tmp\n!logs/keep.txt\n",
                "app/main.sh", "x", "app/scratch.tmp", "x", "logs/debug.log", "x", "logs/keep.txt", "x");
             CopyTar tar = new CopyTar(dir, CopyTar.Overrides.NONE)) {
            ContextSources sources = new ContextSources(context);
            sources.write("", "srv", tar);
            assertThat(names(tar)).contains("srv/app/", "srv/app/main.sh", "srv/logs/keep.txt")
                    .doesNotContain("srv/app/scratch.tmp", "srv/logs/debug.log", "srv/logs/");
        }
    }

    @Test
    void sources_resolveGlobsAndRefuseWhatIsMissingOrLeavesTheContext() throws IOException {
        try (BuildContext context = context(".dockerignore", "secret.txt\n", "a.txt", "a", "b.txt", "b",
                "secret.txt", "s")) {
            ContextSources sources = new ContextSources(context);
            assertThat(sources.resolve(List.of("*.txt"), "COPY")).containsExactly("a.txt", "b.txt");
            assertThatThrownBy(() -> sources.resolve(List.of("secret.txt"), "COPY")).isInstanceOf(BuildFailure.class)
                    .hasMessageContaining("excluded by .dockerignore");
            assertThatThrownBy(() -> sources.resolve(List.of("../etc/passwd"), "COPY"))
                    .hasMessageStartingWith("Forbidden path outside the build context");
            assertThatThrownBy(() -> sources.resolve(List.of("*.md"), "ADD"))
                    .hasMessage("ADD failed: no source files were specified");
        }
    }
}

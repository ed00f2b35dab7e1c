package dev.berth.gateway.build.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyTarTest {

    @TempDir
    Path dir;

    private String digest(CopyTar tar, Path file, long mtime, String content) throws IOException {
        Files.writeString(file, content);
        tar.directory("app", 0755, mtime, 0, 0);
        tar.file("app/f.txt", file, 0644, mtime, 0, 0);
        tar.symlink("app/link", "f.txt", mtime, 0, 0);
        return tar.digest();
    }

    @Test
    void theDigest_coversContentModesAndOwners_butNotTimes_andAProbeFindsTheSameWithoutWriting() throws IOException {
        Path file = dir.resolve("f.txt");
        String written;
        try (CopyTar tar = new CopyTar(dir, CopyTar.Overrides.NONE)) {
            written = digest(tar, file, 1_000, "hello");
        }
        String laterTime;
        try (CopyTar tar = new CopyTar(dir, CopyTar.Overrides.NONE)) {
            laterTime = digest(tar, file, 9_000_000, "hello");
        }
        String probe = digest(CopyTar.digestOnly(CopyTar.Overrides.NONE, path -> null), file, 1_000, "hello");
        String otherContent = digest(CopyTar.digestOnly(CopyTar.Overrides.NONE, path -> null), file, 1_000, "HELLO");
        String otherOwner = digest(CopyTar.digestOnly(new CopyTar.Overrides(1, 1, null), path -> null), file, 1_000, "hello");

        assertThat(laterTime).isEqualTo(written);
        assertThat(probe).isEqualTo(written);
        assertThat(otherContent).isNotEqualTo(written);
        assertThat(otherOwner).isNotEqualTo(written);
    }

    @Test
    void aKnownDigest_standsInForReadingTheFile() throws IOException {
        Path file = dir.resolve("f.txt");
        String read = digest(CopyTar.digestOnly(CopyTar.Overrides.NONE, path -> null), file, 0, "hello");
        String known = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // of "hello"
        String fromKnown = digest(CopyTar.digestOnly(CopyTar.Overrides.NONE, path -> known), file, 0, "hello");
        assertThat(fromKnown).isEqualTo(read);
    }

    @Test
    void overrides_applyToTheEntries_butNotToDirectoriesWrittenAsTheImageHasThem() throws IOException {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "x");
        List<String> entries = new ArrayList<>();
        try (CopyTar tar = new CopyTar(dir, new CopyTar.Overrides(5, 6, 0600))) {
            tar.directoryAsIs("home/app", 0750, 0, 1000, 1000);
            tar.file("home/app/f.txt", file, 0644, 0, 0, 0);
            try (InputStream in = tar.open(); TarArchiveInputStream read = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry;
                while ((entry = read.getNextEntry()) != null) {
                    entries.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " "
                            + entry.getLongUserId() + ":" + entry.getLongGroupId());
                }
            }
        }
        assertThat(entries).containsExactly("home/app/ 750 1000:1000", "home/app/f.txt 600 5:6");
    }
}

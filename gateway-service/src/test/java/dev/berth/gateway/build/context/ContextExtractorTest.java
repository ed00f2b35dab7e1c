package dev.berth.gateway.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.gateway.api.DockerApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextExtractorTest {

    @TempDir
    Path dir;

    /** A tar of entries: "name" -> content for files; "name/" for directories; "name -> target" for links. */
    private static byte[] tar(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                String name = entries[i];
                String value = entries[i + 1];
                if (name.endsWith("/")) {
                    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
                    entry.setMode(0755);
                    tar.putArchiveEntry(entry);
                } else if (value.startsWith("-> ")) {
                    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                    entry.setLinkName(value.substring(3));
                    tar.putArchiveEntry(entry);
                } else if (value.startsWith("=> ")) {
                    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                    entry.setLinkName(value.substring(3));
                    tar.putArchiveEntry(entry);
                } else {
                    byte[] data = value.getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                    entry.setSize(data.length);
                    entry.setMode(name.endsWith(".sh") ? 0755 : 0644);
                    tar.putArchiveEntry(entry);
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Map<Path, String> extract(byte[] tar, long max) throws IOException {
        Map<Path, String> digests = new HashMap<>();
        new ContextExtractor(max).extract(new ByteArrayInputStream(tar), dir, digests);
        return digests;
    }

    @Test
    void unpacksFilesDirectoriesAndLinksInside_withTheirModes_andMeasuresEveryFilesDigest() throws Exception {
        Map<Path, String> digests = extract(tar("app/", "", "app/run.sh", "echo hi\n", "app/conf", "x=1\n",
                "app/current", "-> conf", "app/again", "=> app/conf"), 1 << 20);

        assertThat(Files.readString(dir.resolve("app/run.sh"))).isEqualTo("echo hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app/run.sh")))).isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(dir.resolve("app/current")).toString()).isEqualTo("conf");
        assertThat(Files.readString(dir.resolve("app/again"))).isEqualTo("x=1\n");
        String expected = "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest("x=1\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(digests.get(dir.resolve("app/conf"))).isEqualTo(expected);
        assertThat(digests.get(dir.resolve("app/again"))).isEqualTo(expected);
    }

    @Test
    void aGzippedContext_isUnpackedToo() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar("Dockerfile", "FROM scratch\n"));
        }
        extract(gz.toByteArray(), 1 << 20);
        assertThat(Files.readString(dir.resolve("Dockerfile"))).isEqualTo("FROM scratch\n");
    }

    @Test
    void anXzContext_isUnpackedToo() throws IOException {
        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        try (org.tukaani.xz.XZOutputStream out = new org.tukaani.xz.XZOutputStream(xz, new org.tukaani.xz.LZMA2Options())) {
            out.write(tar("Dockerfile", "FROM scratch\n"));
        }
        extract(xz.toByteArray(), 1 << 20);
        assertThat(Files.readString(dir.resolve("Dockerfile"))).isEqualTo("FROM scratch\n");
    }

    @Test
    void namesThatLeaveTheContext_areRefused_andNothingLandsOutside() throws IOException {
        Path inside = Files.createDirectory(dir.resolve("ctx"));
        byte[] climbing = tar("../escaped", "out\n");
        assertThatThrownBy(() -> new ContextExtractor(1 << 20).extract(new ByteArrayInputStream(climbing), inside, new HashMap<>()))
                .isInstanceOf(DockerApiException.class).hasMessageContaining("leaves the build context");
        assertThat(dir.resolve("escaped")).doesNotExist();

        assertThatThrownBy(() -> extract(tar("/etc/berth-test", "x"), 1 << 20))
                .hasMessageContaining("leaves the build context");
    }

    @Test
    void linksLeadingOut_andEntriesUnderALink_areRefused() {
        assertThatThrownBy(() -> extract(tar("passwd", "-> /etc/passwd"), 1 << 20))
                .hasMessageContaining("points outside the build context");
        assertThatThrownBy(() -> extract(tar("up", "-> ../.."), 1 << 20))
                .hasMessageContaining("points outside the build context");
        assertThatThrownBy(() -> extract(tar("hard", "=> ../etc/passwd"), 1 << 20))
                .hasMessageContaining("points outside the build context");
        assertThatThrownBy(() -> extract(tar("d/", "", "link", "-> d", "link/file", "x"), 1 << 20))
                .hasMessageContaining("lies under a link");
    }

    @Test
    void aContextLargerThanTheLimit_isRefused() {
        assertThatThrownBy(() -> extract(tar("a", "12345", "b", "67890"), 8))
                .isInstanceOf(DockerApiException.class).hasMessageContaining("larger than 8 bytes");
    }
}

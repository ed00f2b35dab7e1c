package dev.berth.node.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        Path app = Files.createDirectories(root.resolve("srv/app"));
        Files.writeString(app.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(app.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectories(app.resolve("conf"));
        Files.writeString(app.resolve("conf/app.yml"), "a: 1\n");
        Files.createSymbolicLink(app.resolve("current"), Path.of("/etc/passwd"));
        Files.createLink(app.resolve("start.sh"), app.resolve("run.sh"));
        Files.setLastModifiedTime(app.resolve("conf/app.yml"), FileTime.from(Tars.TIME));
    }

    private byte[] tar(Path path, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter(out).write(path, name);
        return out.toByteArray();
    }

    @Test
    void aDirectoryIsArchivedUnderItsBaseNameInNameOrder() throws IOException {
        Map<String, String> contents = new HashMap<>();
        Map<String, TarArchiveEntry> entries = Tars.read(tar(root.resolve("srv/app"), "app"), contents);

        assertThat(entries.keySet()).containsExactly("app/", "app/conf/", "app/conf/app.yml", "app/current",
                "app/run.sh", "app/start.sh");
        assertThat(contents).containsEntry("app/run.sh", "#!/bin/sh\necho hi\n").containsEntry("app/conf/app.yml", "a: 1\n");
        assertThat(entries.get("app/run.sh").getMode() & 07777).isEqualTo(0750);
        assertThat(entries.get("app/current").isSymbolicLink()).isTrue();
        assertThat(entries.get("app/current").getLinkName()).isEqualTo("/etc/passwd");
        assertThat(entries.get("app/start.sh").isLink()).isTrue();
        assertThat(entries.get("app/start.sh").getLinkName()).isEqualTo("app/run.sh");
        assertThat(entries.get("app/conf/app.yml").getModTime().toInstant()).isEqualTo(Tars.TIME);
    }

    @Test
    void everythingIsFlushedToTheStreamGiven() throws IOException {
        // a chunking stream sends a partial chunk only when flushed: the whole tar must reach it
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        java.io.BufferedOutputStream chunking = new java.io.BufferedOutputStream(sent, 1 << 20);
        new TarWriter(chunking).write(root.resolve("srv/app"), "app");
        assertThat(Tars.names(sent.toByteArray())).contains("app/run.sh");
    }

    @Test
    void directoriesAskedToStayEmptyAreArchivedWithoutTheirContent() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter(out, java.util.Set.of(root.resolve("srv/app/conf"))).write(root.resolve("srv/app"), "app");
        assertThat(Tars.names(out.toByteArray())).contains("app/conf/", "app/run.sh").doesNotContain("app/conf/app.yml");
    }

    @Test
    void aFileIsOneEntryNamedAsAsked() throws IOException {
        Map<String, String> contents = new HashMap<>();
        Map<String, TarArchiveEntry> entries = Tars.read(tar(root.resolve("srv/app/conf/app.yml"), "app.yml"), contents);
        assertThat(entries.keySet()).containsExactly("app.yml");
        assertThat(contents).containsEntry("app.yml", "a: 1\n");
    }

    @Test
    void aLinkIsArchivedAsALink() throws IOException {
        Map<String, TarArchiveEntry> entries = Tars.entries(tar(root.resolve("srv/app/current"), "current"));
        assertThat(entries.keySet()).containsExactly("current");
        assertThat(entries.get("current").getLinkName()).isEqualTo("/etc/passwd");
    }

    @Test
    void theRootsEntriesStartWithSlashAndDotKeepsDot() throws IOException {
        assertThat(Tars.names(tar(root.resolve("srv"), "/"))).startsWith("/", "/app/", "/app/conf/");
        assertThat(Tars.names(tar(root.resolve("srv"), "."))).startsWith("./", "./app/");
    }

    @Test
    void whatIsWrittenExtractsBackTheSame() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        new TarExtractor(new RootfsPath(other), "/", TarExtractor.Options.keepOwners(true))
                .extract(new ByteArrayInputStream(tar(root.resolve("srv/app"), "app")));
        assertThat(other.resolve("app/run.sh")).hasContent("#!/bin/sh\necho hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other.resolve("app/run.sh")))).isEqualTo("rwxr-x---");
        assertThat(Files.getAttribute(other.resolve("app/start.sh"), "unix:ino"))
                .isEqualTo(Files.getAttribute(other.resolve("app/run.sh"), "unix:ino"));
        assertThat(Files.readSymbolicLink(other.resolve("app/current"))).isEqualTo(Path.of("/etc/passwd"));
        assertThat(Files.getLastModifiedTime(other.resolve("app/conf/app.yml")).toInstant()).isEqualTo(Tars.TIME);
    }
}

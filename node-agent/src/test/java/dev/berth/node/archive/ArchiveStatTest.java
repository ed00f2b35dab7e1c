package dev.berth.node.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStatTest {

    @TempDir
    Path tmp;
    Path root;
    RootfsPath paths;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.setPosixFilePermissions(root.resolve("etc/passwd"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(root.resolve("etc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        paths = new RootfsPath(root);
    }

    @Test
    void aFileAsDockerReportsIt() throws IOException {
        Instant time = Instant.parse("2020-01-02T03:04:05.5Z");
        Files.setLastModifiedTime(root.resolve("etc/passwd"), FileTime.from(time));
        ArchiveStat stat = ArchiveStat.of(paths, "/etc/passwd");
        assertThat(stat.name()).isEqualTo("passwd");
        assertThat(stat.size()).isEqualTo(26);
        assertThat(stat.mode()).isEqualTo(0644);
        assertThat(stat.mtime()).isEqualTo(time);
        assertThat(stat.linkTarget()).isEmpty();
        assertThat(stat.hostPath()).isEqualTo(root.resolve("etc/passwd"));
    }

    @Test
    void aDirectoryHasGosModeDirBit() throws IOException {
        ArchiveStat stat = ArchiveStat.of(paths, "etc/");
        assertThat(stat.name()).isEqualTo("etc");
        assertThat(Integer.toUnsignedLong(stat.mode())).isEqualTo(2147484141L); // ModeDir | 0755
        assertThat(stat.isDirectory()).isTrue();
        assertThat(stat.absPath()).isEqualTo("/etc/");
    }

    @Test
    void theRootIsNamedSlash() throws IOException {
        assertThat(ArchiveStat.of(paths, "/").name()).isEqualTo("/");
        assertThat(ArchiveStat.of(paths, "/etc/.").name()).isEqualTo(".");
    }

    @Test
    void aLinkIsNotFollowedAndSaysWhereItLeads() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/alias"), Path.of("../etc/./passwd"));
        ArchiveStat stat = ArchiveStat.of(paths, "/etc/alias");
        assertThat(stat.name()).isEqualTo("alias");
        assertThat(stat.mode()).isEqualTo(GoFileMode.SYMLINK | 0777);
        assertThat(stat.linkTarget()).isEqualTo("/etc/passwd");
        assertThat(stat.hostPath()).isEqualTo(root.resolve("etc/alias"));
    }

    @Test
    void aLinkOutOfTheRootLeadsInsideIt() throws IOException {
        Files.createSymbolicLink(root.resolve("hostetc"), Path.of("/../../etc"));
        assertThat(ArchiveStat.of(paths, "/hostetc").linkTarget()).isEqualTo("/etc");
        assertThat(ArchiveStat.of(paths, "/hostetc/").hostPath()).isEqualTo(root.resolve("etc"));
    }

    @Test
    void aMissingPathIsNoSuchFile() {
        assertThatThrownBy(() -> ArchiveStat.of(paths, "/nope")).isInstanceOf(NoSuchFileException.class).hasMessage("/nope");
    }

    @Test
    void aFileAskedForAsADirectoryIsRefused() {
        assertThatThrownBy(() -> ArchiveStat.of(paths, "/etc/passwd/"))
                .isInstanceOf(BerthException.class).hasMessageContaining("not a directory");
    }

    @Test
    void goFileModeBits() {
        assertThat(GoFileMode.of(0100755)).isEqualTo(0755);
        assertThat(GoFileMode.of(0104755)).isEqualTo(GoFileMode.SETUID | 0755);
        assertThat(GoFileMode.of(0041777)).isEqualTo(GoFileMode.DIR | GoFileMode.STICKY | 0777);
        assertThat(GoFileMode.of(0020666)).isEqualTo(GoFileMode.DEVICE | GoFileMode.CHAR_DEVICE | 0666);
        assertThat(GoFileMode.of(0010644)).isEqualTo(GoFileMode.NAMED_PIPE | 0644);
    }

    @Test
    void containerPathsAsGoCleansThem() {
        assertThat(ContainerPaths.absolute("etc//passwd")).isEqualTo("/etc/passwd");
        assertThat(ContainerPaths.absolute("/etc/")).isEqualTo("/etc/");
        assertThat(ContainerPaths.absolute("/etc/.")).isEqualTo("/etc/.");
        assertThat(ContainerPaths.absolute("/../etc")).isEqualTo("/etc");
        assertThat(ContainerPaths.entryName("/a/../b")).isEqualTo("b");
        assertThat(ContainerPaths.entryName("./")).isNull();
        assertThat(ContainerPaths.escapes(ContainerPaths.entryName("a/../../b"))).isTrue();
    }
}

package dev.berth.node.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.nativ.Native;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs root for lchown, mknod and trusted.* xattrs (as the agent itself). */
class LayerExtractorTest {

    @TempDir
    Path dir;

    @Test
    void extract_filesDirsAndModes() throws IOException {
        Path root = root();
        extract(root, tar -> {
            dir(tar, "usr/", 0755);
            file(tar, "usr/tool", "#!/bin/sh\n", 04755, 1000, 50);
        });
        Path tool = root.resolve("usr/tool");
        assertThat(Files.readString(tool)).isEqualTo("#!/bin/sh\n");
        assertThat(Files.getAttribute(tool, "unix:mode")).isEqualTo(0104755);
        assertThat(Files.getAttribute(tool, "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(tool, "unix:gid")).isEqualTo(50);
    }

    @Test
    void extract_absolutePath_isRefused() {
        Path root = root();
        assertThatThrownBy(() -> extract(root, tar -> file(tar, "/etc/evil", "x", 0644, 0, 0)))
                .isInstanceOf(IOException.class).hasMessageContaining("absolute path");
        assertThat(Files.exists(dir.resolve("etc/evil"))).isFalse();
    }

    @Test
    void extract_dotDotEscape_isRefused() {
        Path root = root();
        assertThatThrownBy(() -> extract(root, tar -> file(tar, "a/../../evil", "x", 0644, 0, 0)))
                .isInstanceOf(IOException.class).hasMessageContaining("escapes the root");
        assertThat(Files.exists(dir.resolve("evil"))).isFalse();
    }

    @Test
    void extract_writeThroughSymlinkedDirectory_isRefused() {
        Path root = root();
        assertThatThrownBy(() -> extract(root, tar -> {
            symlink(tar, "escape", dir.toString());
            file(tar, "escape/evil", "x", 0644, 0, 0);
        })).isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        assertThat(Files.exists(dir.resolve("evil"))).isFalse();
    }

    @Test
    void extract_fileOverSymlink_replacesTheLinkNotItsTarget() throws IOException {
        Path root = root();
        Path outside = Files.writeString(dir.resolve("outside"), "keep");
        extract(root, tar -> {
            symlink(tar, "link", outside.toString());
            file(tar, "link", "new", 0644, 0, 0);
        });
        assertThat(Files.readString(outside)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(root.resolve("link"))).isFalse();
        assertThat(Files.readString(root.resolve("link"))).isEqualTo("new");
    }

    @Test
    void extract_hardlink_withinLayer() throws IOException {
        Path root = root();
        extract(root, tar -> {
            file(tar, "a", "same", 0644, 0, 0);
            TarArchiveEntry link = new TarArchiveEntry("b", TarArchiveEntry.LF_LINK);
            link.setLinkName("a");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        assertThat(Files.isSameFile(root.resolve("a"), root.resolve("b"))).isTrue();
    }

    @Test
    void extract_hardlinkOutsideRoot_isRefused() {
        Path root = root();
        assertThatThrownBy(() -> extract(root, tar -> {
            TarArchiveEntry link = new TarArchiveEntry("b", TarArchiveEntry.LF_LINK);
            link.setLinkName("../outside");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        })).isInstanceOf(IOException.class).hasMessageContaining("escapes the root");
    }

    @Test
    void extract_whiteouts_becomeOverlayWhiteouts() throws IOException {
        Path root = root();
        extract(root, tar -> {
            dir(tar, "etc/", 0755);
            file(tar, "etc/.wh.gone", "", 0644, 0, 0);
            dir(tar, "var/", 0755);
            file(tar, "var/.wh..wh..opq", "", 0644, 0, 0);
        });
        Path whiteout = root.resolve("etc/gone");
        assertThat(Files.exists(whiteout, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0020000);
        assertThat(Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
        assertThat(Files.exists(root.resolve("var/.wh..wh..opq"))).isFalse();
        byte[] value = new byte[8];
        long length = Native.libc().lgetxattr(root.resolve("var").toString(), "trusted.overlay.opaque", value, value.length);
        assertThat(new String(value, 0, (int) Math.max(0, length), StandardCharsets.US_ASCII)).isEqualTo("y");
    }

    @Test
    void extract_fifoAndDevices() throws IOException {
        Path root = root();
        extract(root, tar -> {
            TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarArchiveEntry.LF_FIFO);
            fifo.setMode(0644);
            tar.putArchiveEntry(fifo);
            tar.closeArchiveEntry();
            TarArchiveEntry nul = new TarArchiveEntry("null", TarArchiveEntry.LF_CHR);
            nul.setMode(0666);
            nul.setDevMajor(1);
            nul.setDevMinor(3);
            tar.putArchiveEntry(nul);
            tar.closeArchiveEntry();
        });
        assertThat(Files.getAttribute(root.resolve("pipe"), "unix:mode")).isEqualTo(0010644);
        assertThat(Files.getAttribute(root.resolve("null"), "unix:rdev")).isEqualTo((long) LayerExtractor.makedev(1, 3));
    }

    @Test
    void makedev_matchesGlibc() {
        assertThat(LayerExtractor.makedev(1, 3)).isEqualTo(0x103);
        assertThat(LayerExtractor.makedev(136, 300)).isEqualTo((136 << 8) | (300 & 0xff) | ((300 & 0xfff00) << 12));
    }

    // ---- helpers

    interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path root() {
        try {
            return Files.createDirectory(dir.resolve("root"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extract(Path root, TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(tar);
        }
        new LayerExtractor(root).extract(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static void dir(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040000 | mode);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, int mode, int uid, int gid) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(data.length);
        entry.setMode(0100000 | mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}

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
import java.util.Arrays;
import java.util.Base64;
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
    void extract_paxXattrs_reachTheFileAsRawBytes() throws IOException {
        Path root = root();
        byte[] comment = {(byte) 0xff, 0x00, (byte) 0x80};
        extract(root, tar -> {
            paxHeader(tar, "usr/bin/ping", concat(
                    paxRecord("SCHILY.xattr.security.capability", NET_BIND_SERVICE_CAP),
                    paxRecord("SCHILY.xattr.user.comment", comment)));
            file(tar, "usr/bin/ping", "elf", 0755, 1000, 1000); // chown after the xattrs would drop the capability
        });
        Path ping = root.resolve("usr/bin/ping");
        assertThat(xattr(ping, "security.capability")).containsExactly(NET_BIND_SERVICE_CAP);
        assertThat(xattr(ping, "user.comment")).containsExactly(comment);
        assertThat(Files.getAttribute(ping, "unix:uid")).isEqualTo(1000);
        assertThat(Files.readString(ping)).isEqualTo("elf");
    }

    @Test
    void extract_libarchiveXattr_isBase64DecodedUnderItsPercentDecodedName() throws IOException {
        Path root = root();
        byte[] value = {0x01, (byte) 0xfe, 0x00};
        extract(root, tar -> {
            paxHeader(tar, "f", paxRecord("LIBARCHIVE.xattr.user.archived%2Dby",
                    Base64.getEncoder().encode(value)));
            file(tar, "f", "x", 0644, 0, 0);
        });
        assertThat(xattr(root.resolve("f"), "user.archived-by")).containsExactly(value);
    }

    @Test
    void extract_trustedOverlayXattr_isDropped() throws IOException {
        Path root = root();
        extract(root, tar -> {
            paxHeader(tar, "d/", concat(
                    paxRecord("SCHILY.xattr.trusted.overlay.opaque", bytes("y")),
                    paxRecord("SCHILY.xattr.user.kept", bytes("1"))));
            dir(tar, "d/", 0755);
        });
        assertThat(xattr(root.resolve("d"), "trusted.overlay.opaque")).isNull();
        assertThat(xattr(root.resolve("d"), "user.kept")).containsExactly(bytes("1"));
    }

    @Test
    void extract_symlinkXattrs_skipOnlyUserNamespace() throws IOException {
        Path root = root();
        extract(root, tar -> {
            paxHeader(tar, "link", concat(
                    paxRecord("SCHILY.xattr.user.comment", bytes("no")),
                    paxRecord("SCHILY.xattr.trusted.berth", bytes("yes"))));
            symlink(tar, "link", "target");
        });
        Path link = root.resolve("link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(xattr(link, "trusted.berth")).containsExactly(bytes("yes"));
        assertThat(xattr(link, "user.comment")).isNull();
    }

    @Test
    void extract_xattrsOfGlobalHeader_areIgnored() throws IOException {
        Path root = root();
        extract(root, tar -> {
            TarArchiveEntry global = new TarArchiveEntry("pax_global_header", TarArchiveEntry.LF_PAX_GLOBAL_EXTENDED_HEADER);
            global.addPaxHeader("SCHILY.xattr.user.global", "g");
            tar.putArchiveEntry(global);
            file(tar, "f", "x", 0644, 0, 0);
        });
        assertThat(xattr(root.resolve("f"), "user.global")).isNull();
    }

    @Test
    void extract_longNamesAndUnreadContent_keepXattrsOnTheirEntries() throws IOException {
        Path root = root();
        String deep = "d/" + "a".repeat(120);
        String gnuLong = "d/" + "b".repeat(130);
        extract(root, tar -> {
            dir(tar, "d/", 0755);
            file(tar, "d/.wh.gone", "content nobody reads", 0644, 0, 0); // skipped under the tap
            file(tar, "d/big", "x".repeat(3000), 0644, 0, 0);
            paxHeader(tar, "short", concat(paxRecord("path", bytes(deep)), paxRecord("SCHILY.xattr.user.a", bytes("1"))));
            file(tar, "d/short", "p", 0644, 0, 0);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            paxHeader(tar, "long", paxRecord("SCHILY.xattr.user.b", bytes("2")));
            file(tar, gnuLong, "g", 0644, 0, 0);
        });
        assertThat(xattr(root.resolve(deep), "user.a")).containsExactly(bytes("1"));
        assertThat(xattr(root.resolve(gnuLong), "user.b")).containsExactly(bytes("2"));
        assertThat(Files.exists(root.resolve("d/short"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.size(root.resolve("d/big"))).isEqualTo(3000L);
        assertThat(xattr(root.resolve("d/big"), "user.a")).isNull();
    }

    @Test
    void extract_truncatedPaxRecord_failsAndAppliesNothing() {
        Path root = root();
        byte[] records = concat(
                paxRecord("SCHILY.xattr.security.capability", NET_BIND_SERVICE_CAP),
                paxRecord("SCHILY.xattr.user.comment", bytes("cut")));
        int cutInSecondKey = records.length - 10; // commons-compress alone would quietly keep the first record
        assertThatThrownBy(() -> extract(root, tar -> {
            paxHeader(tar, "f", records, cutInSecondKey);
            file(tar, "f", "x", 0755, 0, 0);
        })).isInstanceOf(IOException.class).hasMessageContaining("malformed PAX record");
        assertThat(Files.exists(root.resolve("f"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void extract_paxRecordLengthPastTheHeader_failsAndAppliesNothing() {
        Path root = root();
        byte[] lying = bytes("99 SCHILY.xattr.user.comment=x\n");
        assertThatThrownBy(() -> extract(root, tar -> {
            paxHeader(tar, "f", lying);
            file(tar, "f", "x", 0644, 0, 0);
        })).isInstanceOf(IOException.class);
        assertThat(Files.exists(root.resolve("f"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void extract_xattrNameWithNul_isRefused() {
        Path root = root();
        assertThatThrownBy(() -> extract(root, tar -> {
            paxHeader(tar, "f", paxRecord("SCHILY.xattr.user.a\0b", bytes("x")));
            file(tar, "f", "x", 0644, 0, 0);
        })).isInstanceOf(IOException.class).hasMessageContaining("invalid extended attribute name")
                .hasMessageContaining("user.a\\0b");
        assertThat(Files.exists(root.resolve("f"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void extract_entryHiddenInDirectoryData_failsOutOfStep() throws IOException {
        Path root = root();
        byte[] hiddenHeader = Arrays.copyOf(tar(tar -> file(tar, "evil", "", 0644, 0, 0)), 512);
        byte[] layer = tar(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("d");
            entry.setSize(hiddenHeader.length);
            tar.putArchiveEntry(entry);
            tar.write(hiddenHeader);
            tar.closeArchiveEntry();
        });
        retype(layer, 0, '5'); // a directory with data: commons-compress reads that data as the next header
        assertThatThrownBy(() -> new LayerExtractor(root).extract(new ByteArrayInputStream(layer)))
                .isInstanceOf(IOException.class).hasMessageContaining("do not read consistently");
        assertThat(Files.exists(root.resolve("evil"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void makedev_matchesGlibc() {
        assertThat(LayerExtractor.makedev(1, 3)).isEqualTo(0x103);
        assertThat(LayerExtractor.makedev(136, 300)).isEqualTo((136 << 8) | (300 & 0xff) | ((300 & 0xfff00) << 12));
    }

    // ---- helpers

    /** vfs_cap_data v2 as setcap cap_net_bind_service=+ep writes it: little-endian words. */
    private static final byte[] NET_BIND_SERVICE_CAP = {
        0x01, 0x00, 0x00, 0x02, // magic_etc: VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE
        0x00, 0x04, 0x00, 0x00, // permitted, low word: bit 10 (CAP_NET_BIND_SERVICE)
        0x00, 0x00, 0x00, 0x00, // inheritable, low word
        0x00, 0x00, 0x00, 0x00, // permitted, high word
        0x00, 0x00, 0x00, 0x00, // inheritable, high word
    };

    /** One {@code "LEN key=value\n"} record; LEN counts its own digits. */
    private static byte[] paxRecord(String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int body = 1 + keyBytes.length + 1 + value.length + 1;
        int length = body + 1;
        while (length != body + Integer.toString(length).length()) {
            length = body + Integer.toString(length).length();
        }
        return concat(bytes(length + " "), keyBytes, bytes("="), value, bytes("\n"));
    }

    private static void paxHeader(TarArchiveOutputStream tar, String name, byte[] records) throws IOException {
        paxHeader(tar, name, records, records.length);
    }

    /** A PAX 'x' header written byte for byte: commons-compress's writer would encode values as UTF-8. */
    private static void paxHeader(TarArchiveOutputStream tar, String name, byte[] records, int size) throws IOException {
        TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/" + name, TarArchiveEntry.LF_PAX_EXTENDED_HEADER_LC);
        pax.setSize(size);
        tar.putArchiveEntry(pax);
        tar.write(records, 0, size);
        tar.closeArchiveEntry();
    }

    private static byte[] xattr(Path path, String name) {
        byte[] value = new byte[256];
        long length = Native.libc().lgetxattr(path.toString(), name, value, value.length);
        return length < 0 ? null : Arrays.copyOf(value, (int) length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

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
        new LayerExtractor(root).extract(new ByteArrayInputStream(tar(writer)));
    }

    private static byte[] tar(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(tar);
        }
        return bytes.toByteArray();
    }

    /** Rewrites the typeflag of the header at {@code offset}, with its checksum. */
    private static void retype(byte[] tar, int offset, char type) {
        tar[offset + 156] = (byte) type;
        Arrays.fill(tar, offset + 148, offset + 156, (byte) ' ');
        int sum = 0;
        for (int i = offset; i < offset + 512; i++) {
            sum += tar[i] & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, offset + 148, field.length);
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

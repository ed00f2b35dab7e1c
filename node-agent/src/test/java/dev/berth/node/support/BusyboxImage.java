package dev.berth.node.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A one-layer image made in the test: /bin/busybox with its applet links and an /etc/passwd. */
public final class BusyboxImage {

    public static final List<String> APPLETS = List.of("sh", "echo", "sleep", "true", "false", "cat", "date", "ls", "id", "hostname", "ip", "wc");

    private BusyboxImage() {
    }

    private static byte[] layer;

    /** The same bytes on every call (entry times would otherwise change the digest). */
    public static synchronized byte[] layerTar() throws IOException {
        if (layer == null) {
            layer = buildLayerTar();
        }
        return layer;
    }

    private static byte[] buildLayerTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(tar, "bin/");
            directory(tar, "etc/");
            directory(tar, "tmp/", 01777);
            byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
            file(tar, "bin/busybox", busybox, 0755);
            for (String applet : APPLETS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "etc/passwd", ("root:x:0:0:root:/root:/bin/sh\n"
                    + "app:x:1000:1000:app:/home/app:/bin/sh\n").getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/group", "root:x:0:\napp:x:1000:\nstaff:x:50:\n".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/notexec", "plain\n".getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    /** A second layer: deletes /etc/notexec (whiteout), makes /tmp opaque, adds /etc/added. */
    public static byte[] whiteoutLayerTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            directory(tar, "etc/");
            file(tar, "etc/.wh.notexec", new byte[0], 0644);
            file(tar, "etc/added", "added\n".getBytes(StandardCharsets.UTF_8), 0644);
            directory(tar, "tmp/", 01777);
            file(tar, "tmp/.wh..wh..opq", new byte[0], 0644);
        }
        return bytes.toByteArray();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        directory(tar, name, 0755);
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    public static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    public static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.berth.gateway.build.copy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * What a COPY or ADD step puts into the image, as a tar spooled to a file (names relative to the
 * container's root: "app/main.sh"), and the digest of its content for the build cache: names,
 * types, modes, owners, link targets and file contents, not the times, as Docker's cache leaves
 * the times out. {@code --chmod} and a numeric {@code --chown} apply to every entry.
 */
public final class CopyTar implements Closeable {

    /** Owner and mode overrides of --chown (numeric) and --chmod; null fields keep the entry's. */
    public record Overrides(Integer uid, Integer gid, Integer mode) {
        public static final Overrides NONE = new Overrides(null, null, null);
    }

    /** The content digest ("sha256:hex") a file of the build context is known to have, or null. */
    @FunctionalInterface
    public interface KnownDigests {
        String of(Path file);
    }

    private final Path file;
    /** Null when only the digest is wanted (a cache probe): nothing is written then. */
    private final TarArchiveOutputStream tar;
    private final MessageDigest contentDigest = sha256();
    private final Overrides overrides;
    private final KnownDigests known;
    private final byte[] buffer = new byte[64 * 1024];
    private int entries;
    private boolean finished;
    private String digest;

    public CopyTar(Path spoolDir, Overrides overrides) throws IOException {
        this(Files.createTempFile(spoolDir, "copy-", ".tar"), null, overrides);
    }

    /** A tar written straight into {@code out} (a layer on its way to the image store); {@link #finish} ends it. */
    public static CopyTar streaming(OutputStream out, Overrides overrides) {
        try {
            return new CopyTar(null, out, overrides);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CopyTar(Path file, OutputStream out, Overrides overrides) throws IOException {
        this.file = file;
        this.overrides = overrides;
        this.known = path -> null;
        tar = new TarArchiveOutputStream(out != null ? out : Files.newOutputStream(file));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    private CopyTar(Overrides overrides, KnownDigests known) {
        this.file = null;
        this.tar = null;
        this.overrides = overrides;
        this.known = known;
    }

    /**
     * Computes the {@link #digest} the tar would have without writing it; files of the context are
     * not read again when {@code known} has their digest (measured as the context came in).
     */
    public static CopyTar digestOnly(Overrides overrides, KnownDigests known) {
        return new CopyTar(overrides, known);
    }

    public void directory(String name, int mode, long mtimeMillis, int uid, int gid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        put(entry, mode, mtimeMillis, uid, gid, "");
        close(entry, null);
    }

    /** A directory entry exactly as given: --chown and --chmod do not apply (a directory the image has). */
    public void directoryAsIs(String name, int mode, long mtimeMillis, int uid, int gid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        entry.setMode(mode & 07777);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(new Date(mtimeMillis));
        if (tar != null) {
            tar.putArchiveEntry(entry);
        }
        contentDigest.update((entry.getName() + "\0dir\0" + Integer.toOctalString(mode & 07777) + '\0' + uid + '\0' + gid
                + "\n").getBytes(StandardCharsets.UTF_8));
        entries++;
        if (tar != null) {
            tar.closeArchiveEntry();
        }
    }

    public void symlink(String name, String target, long mtimeMillis, int uid, int gid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        put(entry, 0777, mtimeMillis, uid, gid, target);
        close(entry, null);
    }

    /** A hard link to {@code target}, a name written before in this tar. */
    public void hardlink(String name, String target, long mtimeMillis, int uid, int gid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        put(entry, 0644, mtimeMillis, uid, gid, target);
        close(entry, null);
    }

    /** A regular file of {@code size} bytes read from {@code content}. */
    public void file(String name, InputStream content, long size, int mode, long mtimeMillis, int uid, int gid)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(size);
        put(entry, mode, mtimeMillis, uid, gid, "");
        MessageDigest fileDigest = sha256();
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(name + " ended early while it was copied");
            }
            if (tar != null) {
                tar.write(buffer, 0, n);
            }
            fileDigest.update(buffer, 0, n);
            left -= n;
        }
        close(entry, "sha256:" + HexFormat.of().formatHex(fileDigest.digest()));
    }

    public void file(String name, Path source, int mode, long mtimeMillis, int uid, int gid) throws IOException {
        String knownDigest = tar == null ? known.of(source) : null;
        if (knownDigest != null) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            entry.setSize(Files.size(source));
            put(entry, mode, mtimeMillis, uid, gid, "");
            close(entry, knownDigest);
            return;
        }
        try (InputStream in = Files.newInputStream(source)) {
            file(name, in, Files.size(source), mode, mtimeMillis, uid, gid);
        }
    }

    private void put(TarArchiveEntry entry, int mode, long mtimeMillis, int uid, int gid, String link) throws IOException {
        int finalMode = overrides.mode() != null ? overrides.mode() : mode & 07777;
        int finalUid = overrides.uid() != null ? overrides.uid() : uid;
        int finalGid = overrides.gid() != null ? overrides.gid() : gid;
        entry.setMode(finalMode);
        entry.setUserId(finalUid);
        entry.setGroupId(finalGid);
        entry.setModTime(new Date(mtimeMillis));
        if (tar != null) {
            tar.putArchiveEntry(entry);
        }
        String header = entry.getName() + '\0' + (char) entry.getLinkFlag() + '\0' + Integer.toOctalString(finalMode)
                + '\0' + finalUid + '\0' + finalGid + '\0' + link + '\0' + entry.getSize() + '\0';
        contentDigest.update(header.getBytes(StandardCharsets.UTF_8));
        entries++;
    }

    /** Ends the entry; a file's content counts in the digest by its own digest, so that a known one can stand in. */
    private void close(TarArchiveEntry entry, String fileDigest) throws IOException {
        contentDigest.update(((fileDigest == null ? "" : fileDigest) + "\n").getBytes(StandardCharsets.UTF_8));
        if (tar != null) {
            tar.closeArchiveEntry();
        }
    }

    public int entries() {
        return entries;
    }

    /** The content digest ("sha256:hex"); ends the tar. */
    public String digest() throws IOException {
        finish();
        if (digest == null) {
            digest = "sha256:" + HexFormat.of().formatHex(contentDigest.digest());
        }
        return digest;
    }

    /** The tar, from its start; ends it first. */
    public InputStream open() throws IOException {
        if (file == null) {
            throw new IllegalStateException("a digest-only CopyTar has no tar");
        }
        finish();
        return Files.newInputStream(file);
    }

    /** Ends the tar (its end-of-archive records) and closes what it was written to. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            if (tar != null) {
                tar.finish();
                tar.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

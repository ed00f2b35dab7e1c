package dev.berth.gateway.build.context;

import dev.berth.common.compress.Decompression;
import dev.berth.gateway.api.DockerApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a build context, an untrusted tar (plain or compressed: gzip, bzip2, xz, zstd), into an empty directory of the
 * gateway's. Nothing lands outside it: names are relative and cleaned, one that climbs out with
 * {@code ..} or is absolute is refused; a symbolic link must lead to a place inside the context
 * (seen from where it is), a hard link to an entry extracted before; no entry is written through
 * a link. Device nodes, FIFOs and other special files are skipped: a build copies files. The sum
 * of the file sizes is bounded, so that a context cannot fill the gateway's disk.
 */
public final class ContextExtractor {

    private final long maxBytes;

    public ContextExtractor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param digests gets each regular file's content digest ("sha256:hex"), measured as it is
     *                written, so that the build cache need not read the file again
     */
    public void extract(InputStream body, Path root, Map<Path, String> digests) throws IOException {
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Decompression.decompressed(body))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = ContextPaths.clean(entry.getName());
                if (name == null) {
                    throw invalid("the entry " + quote(entry.getName()) + " leaves the build context");
                }
                if (name.isEmpty()) {
                    continue; // the context's root itself
                }
                Path target = root.resolve(name);
                requireRealParent(root, target, entry.getName());
                if (entry.isDirectory()) {
                    makeDirectory(target);
                    setMode(target, entry.getMode());
                } else if (entry.isSymbolicLink()) {
                    if (!ContextPaths.linkStaysInside(name, entry.getLinkName())) {
                        throw invalid("the link " + quote(entry.getName()) + " -> " + quote(entry.getLinkName())
                                + " points outside the build context");
                    }
                    replace(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    String source = ContextPaths.clean(entry.getLinkName());
                    if (source == null || source.isEmpty() || !Files.isRegularFile(root.resolve(source), LinkOption.NOFOLLOW_LINKS)) {
                        throw invalid("the hard link " + quote(entry.getName()) + " -> " + quote(entry.getLinkName())
                                + " points outside the build context");
                    }
                    replace(target);
                    Files.createLink(target, root.resolve(source));
                    String linked = digests.get(root.resolve(source));
                    if (linked != null) {
                        digests.put(target, linked);
                    }
                } else if (entry.isFile()) {
                    total += entry.getSize();
                    if (total > maxBytes) {
                        throw invalid("the build context is larger than " + maxBytes + " bytes");
                    }
                    replace(target);
                    MessageDigest digest = sha256();
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                        tar.transferTo(out);
                    }
                    digests.put(target, "sha256:" + HexFormat.of().formatHex(digest.digest()));
                    setMode(target, entry.getMode());
                    Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw invalid("the build context is not a valid tar: " + e.getMessage());
        }
    }

    /** The entry's parent must be a real directory inside the root: no link on the way. */
    private static void requireRealParent(Path root, Path target, String entryName) throws IOException {
        Path parent = target.getParent();
        for (Path dir = parent; dir != null && !dir.equals(root); dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw invalid("the entry " + quote(entryName) + " lies under a link in the build context");
            }
        }
        Files.createDirectories(parent);
    }

    private static void makeDirectory(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        replace(target);
        Files.createDirectory(target);
    }

    private static void replace(Path target) throws IOException {
        try {
            Files.deleteIfExists(target);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw invalid("the entry " + quote(target.getFileName().toString()) + " replaces a directory");
        }
    }

    /** Permission bits only: the gateway keeps no set-id files (it runs as root: it reads them all the same). */
    private static void setMode(Path target, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        int bits = mode & 0777;
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                permissions.add(order[i]);
            }
        }
        Files.setPosixFilePermissions(target, permissions);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DockerApiException invalid(String message) {
        return DockerApiException.badRequest(message);
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }
}

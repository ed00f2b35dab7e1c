package dev.berth.node.archive;

import dev.berth.common.error.BerthException;
import dev.berth.node.nativ.Native;
import dev.berth.node.nativ.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts an untrusted tar into a directory of a container's root filesystem, as Docker's
 * {@code docker cp} into a container does. Every entry lands inside the root:
 * <ul>
 *   <li>names lose leading slashes and are cleaned; a name climbing out of the destination
 *       directory with {@code ..} is refused ("invalid entry name");
 *   <li>the entry's parent is resolved with {@link RootfsPath#resolveNoFollow}: a link met on the
 *       way (one from the image, or one an earlier entry made) is followed inside the root only;
 *       the entry itself replaces whatever is at its place, a link there is never written through;
 *   <li>hard link targets are names in the same tar space, resolved the same way (inside the root;
 *       climbing out is refused as "invalid hardlink target").
 * </ul>
 * Kept: regular files, directories, symbolic and hard links, FIFOs, with their modes, owners and
 * mtimes. Device nodes are skipped: a node copied in could reach a host device from the container.
 */
public final class TarExtractor {

    /** Who owns what is extracted: the ids in the tar, or one owner for all (copyUIDGID). */
    public record Options(boolean noOverwriteDirNonDir, Integer uid, Integer gid) {

        public static Options keepOwners(boolean noOverwriteDirNonDir) {
            return new Options(noOverwriteDirNonDir, null, null);
        }
    }

    private final RootfsPath root;
    private final String destination;
    private final Options options;
    private final List<Runnable> directoryTimes = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];

    /** @param destination the container path of the directory to extract into, links resolved */
    public TarExtractor(RootfsPath root, String destination, Options options) {
        this.root = root;
        this.destination = destination;
        this.options = options;
    }

    public void extract(InputStream tarStream) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tarStream);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            apply(entry, in);
        }
        // Last, and deepest first: extracting into a directory changes its mtime.
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            directoryTimes.get(i).run();
        }
    }

    private void apply(TarArchiveEntry entry, InputStream content) throws IOException {
        String name = ContainerPaths.entryName(entry.getName());
        if (name == null || entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
            return; // the destination itself: it exists and stays as it is
        }
        if (ContainerPaths.escapes(name)) {
            throw BerthException.invalid("invalid entry name " + quote(entry.getName()));
        }
        if (entry.isBlockDevice() || entry.isCharacterDevice()) {
            return;
        }
        if (!(entry.isDirectory() || entry.isSymbolicLink() || entry.isLink() || entry.isFIFO() || entry.isFile())) {
            return; // GNU extensions and other types Docker refuses or ignores
        }
        Path hardLinkSource = entry.isLink() ? hardLinkSource(entry.getLinkName()) : null;
        Path target = root.resolveNoFollow(ContainerPaths.join(destination, name));
        if (target.equals(root.root())) {
            return;
        }
        replaceExisting(entry, name, target);
        Files.createDirectories(target.getParent());
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(target);
            }
        } else if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.createLink(target, hardLinkSource);
        } else if (entry.isFIFO()) {
            if (Native.libc().mknod(target.toString(), GoFileMode.S_IFIFO | (entry.getMode() & 07777), 0) != 0) {
                throw new IOException(Native.lastError("mknod " + name));
            }
        } else {
            writeFile(content, target);
        }
        applyMetadata(entry, name, target);
    }

    /**
     * Makes room for the entry: an existing directory stays for a directory entry (they merge),
     * anything else there goes, unless noOverwriteDirNonDir forbids the change of kind.
     */
    private void replaceExisting(TarArchiveEntry entry, String name, Path target) throws IOException {
        if (!RootfsPath.exists(target)) {
            return;
        }
        boolean existingIsDirectory = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (options.noOverwriteDirNonDir() && existingIsDirectory && !entry.isDirectory()) {
            throw BerthException.precondition("cannot overwrite directory " + quote(name)
                    + " with non-directory " + quote(destination));
        }
        if (options.noOverwriteDirNonDir() && !existingIsDirectory && entry.isDirectory()) {
            throw BerthException.precondition("cannot overwrite non-directory " + quote(name)
                    + " with directory " + quote(destination));
        }
        if (existingIsDirectory && entry.isDirectory()) {
            return;
        }
        if (existingIsDirectory) {
            Trees.deleteRecursively(target);
        } else {
            Files.delete(target);
        }
    }

    /** A hard link's target: a name of the tar's own space, so under the destination; it must exist. */
    private Path hardLinkSource(String linkName) throws IOException {
        String name = ContainerPaths.entryName(linkName);
        if (name == null || ContainerPaths.escapes(name)) {
            throw BerthException.invalid("invalid hardlink target " + quote(linkName));
        }
        Path source = root.resolveNoFollow(ContainerPaths.join(destination, name));
        if (!RootfsPath.exists(source)) {
            throw new NoSuchFileException(linkName, null, "hard link target missing");
        }
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw BerthException.invalid("invalid hardlink target " + quote(linkName) + ": a directory");
        }
        return source;
    }

    private void writeFile(InputStream content, Path target) throws IOException {
        // CREATE_NEW and NOFOLLOW: whatever was there is gone; never write through a link
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = content.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }

    private void applyMetadata(TarArchiveEntry entry, String name, Path target) throws IOException {
        String path = target.toString();
        int uid = options.uid() != null ? options.uid() : (int) entry.getLongUserId();
        int gid = options.gid() != null ? options.gid() : (int) entry.getLongGroupId();
        if (Native.posix().lchown(path, uid, gid) != 0) {
            throw new IOException(Native.lastError("lchown " + name));
        }
        boolean isLinkToSymlink = entry.isLink() && Files.isSymbolicLink(target);
        if (!entry.isSymbolicLink() && !isLinkToSymlink
                && Native.posix().chmod(path, entry.getMode() & 07777) != 0) { // after chown: it clears set-id bits
            throw new IOException(Native.lastError("chmod " + name));
        }
        long seconds = entry.getModTime().toInstant().getEpochSecond();
        if (entry.isDirectory()) {
            directoryTimes.add(() -> setTime(path, seconds));
        } else {
            setTime(path, seconds);
        }
    }

    /** lutimes: never follows a link, never opens the file (a FIFO would block). */
    private static void setTime(String path, long seconds) {
        long[] time = {seconds, 0};
        Native.posix().lutimes(path, time, time);
    }

    /** Go's %q for the plain names met here. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

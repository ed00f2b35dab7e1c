package dev.berth.node.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Host files as a tar. {@link #write} archives a path the way Docker archives a container path:
 * the top entry is named {@code topName} (the base name of the path asked for), everything below
 * it relative to it, in name order; {@link #writeContents} archives what a directory holds, named
 * relative to it ("bin/sh"); {@link #writeEntry} and {@link #writeEmptyFile} add single entries
 * for a tar put together by the caller, which then calls {@link #finish}. Links are archived as
 * links, never followed; files hard-linked together become one file and hard-link entries;
 * sockets are left out (tar has no type for them).
 */
public final class TarWriter {

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev";

    private final OutputStream out;
    private final Set<Path> emptied;
    private final TarArchiveOutputStream tar;
    private final Map<String, String> firstNameOfInode = new HashMap<>();
    private final byte[] buffer = new byte[64 * 1024];
    private ConfinedFiles confinement;

    public TarWriter(OutputStream out) {
        this(out, Set.of());
    }

    /**
     * @param emptied paths archived without their content (a container's /proc, the engine's mount
     *                points): a directory without its entries, a file as an empty one
     */
    public TarWriter(OutputStream out, Set<Path> emptied) {
        this.out = out;
        this.emptied = emptied;
        tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /**
     * File contents are read only from files that really lie under {@code root} when opened: a
     * directory the container swaps for a link meanwhile cannot lead the reads out of it.
     */
    public TarWriter readingOnlyInside(Path root) throws IOException {
        confinement = new ConfinedFiles(root);
        return this;
    }

    /** Writes {@code hostPath} (and, for a directory, all below it) and finishes the tar. */
    public void write(Path hostPath, String topName) throws IOException {
        Map<String, Object> top = attributes(hostPath);
        boolean directory = type(top) == GoFileMode.S_IFDIR;
        // The root is "/" in Docker's tars: its children are "/bin", not "//bin".
        String name = !directory ? topName : topName.equals("/") ? "/" : topName + "/";
        add(hostPath, name, top);
        if (directory) {
            addChildren(hostPath, name);
        }
        finish();
    }

    /** Writes everything below {@code dir}, named relative to it ("bin/", "bin/sh"), and finishes the tar. */
    public void writeContents(Path dir) throws IOException {
        addChildren(dir, "");
        finish();
    }

    /** Adds {@code hostPath} alone as {@code name} (a directory as "name/", without its entries). */
    public void writeEntry(Path hostPath, String name) throws IOException {
        Map<String, Object> attributes = attributes(hostPath);
        add(hostPath, type(attributes) == GoFileMode.S_IFDIR ? name + "/" : name, attributes);
    }

    /** Adds an empty regular file with {@code mode} and the owner and time of {@code like} (a layer's whiteouts). */
    public void writeEmptyFile(String name, int mode, Path like) throws IOException {
        Map<String, Object> attributes = attributes(like);
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setMode(mode);
        setOwnerAndTime(entry, attributes);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Ends the tar. */
    public void finish() throws IOException {
        tar.finish();
        // the tar's own flush does not reach `out` (it writes through a channel): flush it here
        out.flush();
    }

    /** Adds the entries below {@code dir}, each named {@code prefix} + its path relative to {@code dir}. */
    private void addChildren(Path dir, String prefix) throws IOException {
        if (emptied.contains(dir.normalize())) {
            return;
        }
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted().toList();
        }
        for (Path child : children) {
            String name = prefix + child.getFileName();
            Map<String, Object> attributes;
            try {
                attributes = attributes(child);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue; // removed by the running container since the listing
            }
            if (type(attributes) == GoFileMode.S_IFDIR) {
                add(child, name + "/", attributes);
                addChildren(child, name + "/");
            } else {
                add(child, name, attributes);
            }
        }
    }

    private void add(Path path, String name, Map<String, Object> attributes) throws IOException {
        int type = type(attributes);
        TarArchiveEntry entry;
        long size = 0;
        switch (type) {
            case GoFileMode.S_IFDIR -> entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
            case GoFileMode.S_IFLNK -> {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
            }
            case GoFileMode.S_IFREG -> {
                if (!emptied.isEmpty() && emptied.contains(path.normalize())) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                    break;
                }
                String first = (Integer) attributes.get("nlink") > 1 ? firstName(attributes, name) : null;
                if (first != null) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                    entry.setLinkName(first);
                } else {
                    entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                    size = (Long) attributes.get("size");
                    entry.setSize(size);
                }
            }
            case GoFileMode.S_IFCHR, GoFileMode.S_IFBLK -> {
                entry = new TarArchiveEntry(name, type == GoFileMode.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
                long rdev = (Long) attributes.get("rdev");
                entry.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
                entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
            }
            case GoFileMode.S_IFIFO -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
            default -> {
                return; // a socket
            }
        }
        entry.setMode((Integer) attributes.get("mode") & 07777);
        setOwnerAndTime(entry, attributes);
        if (size == 0) {
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return;
        }
        // opened before the header: a file gone meanwhile fails here, with the tar still whole
        try (InputStream in = open(path)) {
            tar.putArchiveEntry(entry);
            copyExactly(in, size);
            tar.closeArchiveEntry();
        }
    }

    private InputStream open(Path path) throws IOException {
        return confinement != null ? confinement.open(path) : Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static void setOwnerAndTime(TarArchiveEntry entry, Map<String, Object> attributes) {
        entry.setUserId(((Integer) attributes.get("uid")).longValue());
        entry.setGroupId(((Integer) attributes.get("gid")).longValue());
        entry.setModTime((FileTime) attributes.get("lastModifiedTime"));
    }

    /** The name the inode was archived under first; null (and this name remembered) the first time. */
    private String firstName(Map<String, Object> attributes, String name) {
        String inode = attributes.get("dev") + ":" + attributes.get("ino");
        return firstNameOfInode.putIfAbsent(inode, name);
    }

    /**
     * The file's first {@code size} bytes: a file of a running container may grow or shrink while
     * it is read, and the tar header already promised {@code size}, so it is cut or padded.
     */
    private void copyExactly(InputStream in, long size) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            tar.write(buffer, 0, n);
            left -= n;
        }
    }

    private static Map<String, Object> attributes(Path path) throws IOException {
        return Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }

    private static int type(Map<String, Object> attributes) {
        return (Integer) attributes.get("mode") & GoFileMode.S_IFMT;
    }
}

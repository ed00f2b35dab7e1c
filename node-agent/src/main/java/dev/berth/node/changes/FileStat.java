package dev.berth.node.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a change is judged by: an entry's st_mode (type and permission bits), owner and device
 * number, read without following a link.
 */
record FileStat(int mode, int uid, int gid, long rdev) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;

    /** The entry at {@code path}, or null when there is none. */
    static FileStat lstat(Path path) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,uid,gid,rdev", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return null;
        }
        return new FileStat((Integer) attributes.get("mode"), (Integer) attributes.get("uid"),
                (Integer) attributes.get("gid"), (Long) attributes.get("rdev"));
    }

    boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** overlayfs's mark of a deleted entry: a character device 0/0. */
    boolean isWhiteout() {
        return (mode & S_IFMT) == S_IFCHR && rdev == 0;
    }

    /**
     * Whether a directory counts as unchanged by itself, as Docker judges it: the same type,
     * permissions and owner (its times and size say nothing: creating a file inside changes them).
     */
    boolean sameModeAndOwner(FileStat other) {
        return mode == other.mode && uid == other.uid && gid == other.gid;
    }
}

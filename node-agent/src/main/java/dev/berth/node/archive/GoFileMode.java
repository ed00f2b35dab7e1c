package dev.berth.node.archive;

/**
 * A Unix st_mode as Go's os.FileMode, the "mode" Docker puts in X-Docker-Container-Path-Stat:
 * the permission bits stay, the file type and the set-id/sticky bits move to Go's high bits.
 */
final class GoFileMode {

    static final int DIR = 1 << 31;
    static final int SYMLINK = 1 << 27;
    static final int DEVICE = 1 << 26;
    static final int NAMED_PIPE = 1 << 25;
    static final int SOCKET = 1 << 24;
    static final int SETUID = 1 << 23;
    static final int SETGID = 1 << 22;
    static final int CHAR_DEVICE = 1 << 21;
    static final int STICKY = 1 << 20;

    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    private GoFileMode() {
    }

    static int of(int stMode) {
        int mode = stMode & 0777;
        mode |= switch (stMode & S_IFMT) {
            case S_IFDIR -> DIR;
            case S_IFLNK -> SYMLINK;
            case S_IFBLK -> DEVICE;
            case S_IFCHR -> DEVICE | CHAR_DEVICE;
            case S_IFIFO -> NAMED_PIPE;
            case S_IFSOCK -> SOCKET;
            default -> 0;
        };
        if ((stMode & 04000) != 0) {
            mode |= SETUID;
        }
        if ((stMode & 02000) != 0) {
            mode |= SETGID;
        }
        if ((stMode & 01000) != 0) {
            mode |= STICKY;
        }
        return mode;
    }
}

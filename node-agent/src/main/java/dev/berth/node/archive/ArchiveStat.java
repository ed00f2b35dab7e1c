package dev.berth.node.archive;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code docker cp} learns of a container path before copying (Docker's PathStat): the path
 * itself, a final link not followed unless the path ends in "/" or "/.", as lstat sees it.
 *
 * @param name       the base name of the path as asked
 * @param mode       Go's os.FileMode bits ({@link GoFileMode})
 * @param linkTarget for a link, the absolute container path it finally leads to; else ""
 * @param absPath    the path, absolute, with a trailing "/" or "/." kept (names the tar's top entry)
 * @param hostPath   where the path is on the host, under the container's root
 * @param uid        its owner
 */
public record ArchiveStat(String name, long size, int mode, Instant mtime, String linkTarget,
                          String absPath, Path hostPath, int uid, int gid) {

    public static ArchiveStat of(RootfsPath root, String path) throws IOException {
        String abs = ContainerPaths.absolute(path);
        boolean wantsDirectory = ContainerPaths.assertsDirectory(abs);
        Path host = wantsDirectory ? root.resolve(abs) : root.resolveNoFollow(abs);
        if (host.equals(root.root())) {
            // "/." so that lstat sees the directory: a running container's root is the link /proc/PID/root
            host = host.resolve(".");
        }
        if (!RootfsPath.exists(host)) {
            throw new NoSuchFileException(path);
        }
        Map<String, Object> attributes = Files.readAttributes(host, "unix:mode,size,lastModifiedTime,uid,gid",
                LinkOption.NOFOLLOW_LINKS);
        int stMode = (Integer) attributes.get("mode");
        if (wantsDirectory && (stMode & GoFileMode.S_IFMT) != GoFileMode.S_IFDIR) {
            throw BerthException.invalid("lstat " + abs + ": not a directory");
        }
        String linkTarget = "";
        if ((stMode & GoFileMode.S_IFMT) == GoFileMode.S_IFLNK) {
            linkTarget = containerPath(root, root.resolve(abs));
        }
        return new ArchiveStat(ContainerPaths.base(abs), (Long) attributes.get("size"), GoFileMode.of(stMode),
                ((FileTime) attributes.get("lastModifiedTime")).toInstant(), linkTarget, abs, host,
                (Integer) attributes.get("uid"), (Integer) attributes.get("gid"));
    }

    public boolean isDirectory() {
        return (mode & GoFileMode.DIR) != 0;
    }

    /** A host path under the root as the container sees it. */
    static String containerPath(RootfsPath root, Path host) {
        return "/" + root.root().relativize(host);
    }
}

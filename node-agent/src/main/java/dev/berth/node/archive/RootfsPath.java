package dev.berth.node.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path given inside a container against that container's root filesystem on the host,
 * the way a chroot would: {@code ..} stops at the root, and every symbolic link met on the way,
 * absolute or relative, is followed inside the root, never out of it. The result always lies under
 * the root. Paths come from API callers and tar entries, so they are untrusted.
 */
public final class RootfsPath {

    /** Linux's limit on links followed in one lookup (ELOOP past it). */
    static final int MAX_LINKS = 40;

    private final Path root;

    public RootfsPath(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Resolves every component, the last one included, following links (stat semantics). */
    public Path resolve(String containerPath) throws IOException {
        return walk(containerPath, true);
    }

    /**
     * Resolves the parent components and keeps the last one as named (lstat semantics): what
     * {@code docker cp} stats, and where an extracted entry replaces whatever is there.
     */
    public Path resolveNoFollow(String containerPath) throws IOException {
        return walk(containerPath, false);
    }

    private Path walk(String containerPath, boolean followLast) throws IOException {
        if (containerPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path contains a NUL byte");
        }
        Deque<String> todo = new ArrayDeque<>();
        push(todo, containerPath);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = host(done).resolve(part);
            boolean last = todo.stream().allMatch(p -> p.isEmpty() || p.equals("."));
            if ((!last || followLast) && Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links in " + containerPath);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(part);
        }
        return host(done);
    }

    /** Puts the components of {@code path} in front of what is left to walk. */
    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private Path host(Deque<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    /** Whether the resolved path exists, not following a final link. */
    public static boolean exists(Path hostPath) {
        return Files.exists(hostPath, LinkOption.NOFOLLOW_LINKS);
    }
}

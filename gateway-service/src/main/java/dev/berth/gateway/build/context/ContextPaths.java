package dev.berth.gateway.build.context;

import java.util.ArrayDeque;
import java.util.Deque;

/** Names inside a build context: relative, slash-separated, cleaned ("a/./b/../c" is "a/c"). */
public final class ContextPaths {

    private ContextPaths() {
    }

    /**
     * The cleaned relative form of a tar entry's name ("./a/b/" is "a/b", "." is ""), or null when
     * it is absolute or climbs above the context's root.
     */
    public static String clean(String name) {
        if (name.startsWith("/")) {
            return null;
        }
        return cleanFrom(new ArrayDeque<>(), name);
    }

    /**
     * A path a Dockerfile names (a COPY source): relative to the context's root, where a leading
     * "/" means the root too, as Docker reads it; null when it climbs above the root.
     */
    public static String cleanSource(String path) {
        return cleanFrom(new ArrayDeque<>(), path.replaceFirst("^/+", ""));
    }

    /** Whether a symbolic link at {@code name} (cleaned) to {@code target} leads to a place inside the context. */
    static boolean linkStaysInside(String name, String target) {
        if (target.isEmpty() || target.startsWith("/")) {
            return false;
        }
        Deque<String> parts = new ArrayDeque<>();
        String[] segments = name.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            parts.addLast(segments[i]);
        }
        return cleanFrom(parts, target) != null;
    }

    private static String cleanFrom(Deque<String> parts, String path) {
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}

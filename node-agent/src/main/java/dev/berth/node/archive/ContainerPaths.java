package dev.berth.node.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lexical rules for the container paths of {@code docker cp}, as Docker's Go code applies them
 * (path.Clean, filepath.Base, a trailing "/" or "/." kept as a request for a directory). No file
 * system access: {@link RootfsPath} does the resolving.
 */
final class ContainerPaths {

    private ContainerPaths() {
    }

    /** Go's path.Clean: no empty, "." or ".." components where they can be removed. */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.pollLast();
                } else if (!absolute) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** The path as Docker names what it archives: absolute, cleaned, a trailing "/" or "/." kept. */
    static String absolute(String path) {
        String cleaned = clean("/" + path);
        if (!base(cleaned).equals(".") && base(path).equals(".")) {
            return cleaned + "/.";
        }
        if (!cleaned.endsWith("/") && path.endsWith("/")) {
            return cleaned + "/";
        }
        return cleaned;
    }

    /** Go's filepath.Base: the last element, trailing slashes ignored; "/" for the root. */
    static String base(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return ".";
        }
        if (trimmed.equals("/")) {
            return "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Whether the path asks for a directory: it ends in "/" or "/." (so a final link is followed). */
    static boolean assertsDirectory(String path) {
        return path.endsWith("/") || base(path).equals(".");
    }

    /**
     * A tar entry's name as a path relative to the extraction directory: leading slashes dropped
     * and cleaned; null when it names the directory itself, "" never. Names that climb out of the
     * directory are refused by the caller ({@link #escapes}).
     */
    static String entryName(String name) {
        String trimmed = name;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        String cleaned = clean(trimmed);
        return cleaned.equals(".") ? null : cleaned;
    }

    /** Whether a cleaned relative name leaves the directory it is relative to. */
    static boolean escapes(String cleanedRelative) {
        return cleanedRelative.equals("..") || cleanedRelative.startsWith("../") || cleanedRelative.startsWith("/");
    }

    /** {@code dir} (absolute) and a relative name joined. */
    static String join(String dir, String relative) {
        return dir.endsWith("/") ? dir + relative : dir + "/" + relative;
    }
}

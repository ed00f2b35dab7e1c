package dev.berth.gateway.build.context;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore}, matched as Docker matches it (moby's {@code ignorefile} and
 * {@code patternmatcher}):
 * <ul>
 *   <li>a line starting with {@code #} is a comment; other lines are trimmed, blank ones skipped; a pattern is
 *       cleaned like a path ({@code ./a/../b/} is {@code b}) and a leading {@code /} dropped: patterns are relative
 *       to the context root;</li>
 *   <li>{@code *} matches within one path segment, {@code ?} one character but {@code /}, {@code [a-z]} and
 *       {@code [^a-z]} one of a class, {@code **} any number of segments (also none), {@code \} escapes;</li>
 *   <li>a pattern that matches a directory excludes everything under it ({@code node_modules} excludes
 *       {@code node_modules/a/b});</li>
 *   <li>{@code !pattern} is an exception that includes again what it matches; the last pattern that matches a path
 *       decides.</li>
 * </ul>
 * What it leaves out is up to the caller: the client sends the Dockerfile and the {@code .dockerignore} whatever
 * they match, since the builder must read them; Docker's daemon then removes those two from the context if the
 * {@code .dockerignore} excludes them, so that {@code COPY .} does not copy them.
 */
public final class DockerIgnore {

    private static final DockerIgnore NOTHING = new DockerIgnore(List.of());

    private final List<IgnorePattern> patterns;

    private DockerIgnore(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** A context without a {@code .dockerignore}: nothing is excluded. */
    public static DockerIgnore none() {
        return NOTHING;
    }

    /**
     * Reads a {@code .dockerignore}.
     *
     * @throws IllegalArgumentException for a pattern Docker refuses: {@code illegal exclusion pattern: "!"} or
     *                                  {@code syntax error in pattern} (an unclosed {@code [}, a trailing {@code \})
     */
    public static DockerIgnore parse(String fileText) {
        String text = fileText.startsWith("\uFEFF") ? fileText.substring(1) : fileText;
        List<IgnorePattern> patterns = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            // Docker takes a comment only where # is the very first character of the line.
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
                }
            }
            pattern = clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            patterns.add(IgnorePattern.compile(pattern, exception));
        }
        return new DockerIgnore(patterns);
    }

    /** The patterns as Docker keeps them, cleaned, exceptions with their {@code !}. */
    public List<String> patterns() {
        return patterns.stream().map(p -> (p.exception() ? "!" : "") + p.text()).toList();
    }

    /**
     * Whether the file or directory at {@code relativePath} (slash-separated, relative to the context root) is
     * excluded from the context. The root itself never is.
     */
    public boolean excludes(String relativePath) {
        String path = relative(relativePath);
        return !path.equals(".") && lastMatch(path) >= 0 && !patterns.get(lastMatch(path)).exception();
    }

    /**
     * Whether a walk of the context may skip the directory {@code relativeDir} altogether: it is excluded and no
     * exception pattern could include anything below it again. Docker's own walk keeps a directory only for an
     * exception that literally starts with it, which loses files for exceptions with wildcards
     * ({@code !**}{@code /keep.txt}); this one keeps the directory whenever an exception could match below it.
     */
    public boolean skipsDirectory(String relativeDir) {
        String dir = relative(relativeDir);
        if (!excludes(dir)) {
            return false;
        }
        // The exclusion that decides for the directory decides for all below it, unless a later exception matches there.
        int decisive = lastMatch(dir);
        String[] segments = dir.split("/");
        for (int i = decisive + 1; i < patterns.size(); i++) {
            IgnorePattern pattern = patterns.get(i);
            if (pattern.exception() && pattern.couldMatchBelow(segments)) {
                return false;
            }
        }
        return true;
    }

    /** The index of the last pattern matching the path or one of its parent directories, or -1. */
    private int lastMatch(String path) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            if (patterns.get(i).matchesOrParentMatches(path)) {
                return i;
            }
        }
        return -1;
    }

    private static String relative(String path) {
        String cleaned = clean(path);
        while (cleaned.startsWith("/")) {
            cleaned = cleaned.length() == 1 ? "." : cleaned.substring(1);
        }
        return cleaned;
    }

    /** Go's {@code filepath.Clean} for slash-separated paths: no empty, {@code .} or resolvable {@code ..} segments. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty() && !segments.peekLast().equals("..")) {
                    segments.removeLast();
                } else if (!rooted) {
                    segments.addLast("..");
                }
                continue;
            }
            segments.addLast(segment);
        }
        String joined = String.join("/", segments);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /**
     * One pattern, matched in one of Docker's four ways. They are not all a regular expression: {@code foo**} is
     * "starts with foo" and {@code **foo} "ends with foo", across segments.
     */
    private record IgnorePattern(String text, boolean exception, Kind kind, Pattern regex) {

        private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

        static IgnorePattern compile(String text, boolean exception) {
            validate(text);
            StringBuilder regex = new StringBuilder();
            Kind kind = Kind.EXACT;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                boolean first = i == 0;
                i++;
                if (c == '*' && i < text.length() && text.charAt(i) == '*') {
                    i++;
                    // "**/" is read as "**".
                    if (i < text.length() && text.charAt(i) == '/') {
                        i++;
                    }
                    if (i == text.length()) {
                        if (kind == Kind.EXACT) {
                            kind = Kind.PREFIX;
                        } else {
                            regex.append(".*");
                            kind = Kind.REGEX;
                        }
                    } else {
                        regex.append("(.*/)?");
                        kind = Kind.REGEX;
                    }
                    if (first) {
                        kind = Kind.SUFFIX;
                    }
                } else if (c == '*') {
                    regex.append("[^/]*");
                    kind = Kind.REGEX;
                } else if (c == '?') {
                    regex.append("[^/]");
                    kind = Kind.REGEX;
                } else if (c == '\\' && i < text.length()) {
                    regex.append(Pattern.quote(String.valueOf(text.charAt(i++))));
                    kind = Kind.REGEX;
                } else if (c == '[') {
                    i = characterClass(text, i, regex);
                    kind = Kind.REGEX;
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return new IgnorePattern(text, exception, kind,
                    kind == Kind.REGEX ? Pattern.compile(regex.toString(), Pattern.DOTALL) : null);
        }

        boolean matches(String path) {
            return switch (kind) {
                case EXACT -> path.equals(text);
                case PREFIX -> path.startsWith(text.substring(0, text.length() - 2));
                case SUFFIX -> {
                    String suffix = text.substring(2);
                    yield path.endsWith(suffix) || suffix.startsWith("/") && path.equals(suffix.substring(1));
                }
                case REGEX -> regex.matcher(path).matches();
            };
        }

        boolean matchesOrParentMatches(String path) {
            if (matches(path)) {
                return true;
            }
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                if (matches(path.substring(0, slash))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether some path strictly below the directory of these segments could match. Segments are matched one by
         * one; a {@code **} anywhere could reach anything, so it answers yes.
         */
        boolean couldMatchBelow(String[] dirSegments) {
            String[] own = text.split("/");
            for (int i = 0; i < own.length; i++) {
                if (own[i].contains("**")) {
                    return true;
                }
                if (i == dirSegments.length) {
                    return true;
                }
                if (!segmentMatches(own[i], dirSegments[i])) {
                    return false;
                }
            }
            return false;
        }

        private static boolean segmentMatches(String glob, String segment) {
            try {
                return compile(glob, false).matches(segment);
            } catch (IllegalArgumentException e) {
                // A piece of a class with a slash in it ("a[/]b"): assume it could match.
                return true;
            }
        }

        /** Copies a {@code [...]} class from {@code text} (just after its {@code [}) as a Java class; returns the end. */
        private static int characterClass(String text, int start, StringBuilder regex) {
            regex.append('[');
            int i = start;
            if (i < text.length() && text.charAt(i) == '^') {
                regex.append('^');
                i++;
            }
            while (text.charAt(i) != ']') {
                char c = text.charAt(i++);
                boolean escaped = c == '\\';
                if (escaped) {
                    c = text.charAt(i++);
                }
                // Unescaped, a dash can only be a range's (the pattern was validated); escaped, it is a dash.
                if (c == '-' && !escaped || Character.isLetterOrDigit(c)) {
                    regex.append(c);
                } else {
                    regex.append('\\').append(c);
                }
            }
            regex.append(']');
            return i + 1;
        }

        /**
         * Refuses what Go's {@code filepath.Match} calls a bad pattern: a trailing {@code \}, a class that is not
         * closed or is empty, a range without an end.
         */
        private static void validate(String text) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '\\') {
                    if (i == text.length()) {
                        throw badPattern();
                    }
                    i++;
                } else if (c == '[') {
                    if (i < text.length() && text.charAt(i) == '^') {
                        i++;
                    }
                    int ranges = 0;
                    while (true) {
                        if (i < text.length() && text.charAt(i) == ']' && ranges > 0) {
                            i++;
                            break;
                        }
                        i = classCharacter(text, i);
                        if (i < text.length() && text.charAt(i) == '-') {
                            i = classCharacter(text, i + 1);
                        }
                        ranges++;
                    }
                }
            }
        }

        /** Skips one class character (maybe escaped) at {@code i}, refusing {@code -} or {@code ]} there. */
        private static int classCharacter(String text, int i) {
            if (i >= text.length() || text.charAt(i) == '-' || text.charAt(i) == ']') {
                throw badPattern();
            }
            if (text.charAt(i) == '\\') {
                i++;
                if (i >= text.length()) {
                    throw badPattern();
                }
            }
            i++;
            if (i >= text.length()) {
                throw badPattern();
            }
            return i;
        }

        private static IllegalArgumentException badPattern() {
            return new IllegalArgumentException("syntax error in pattern");
        }
    }
}

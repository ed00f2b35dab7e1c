package dev.berth.gateway.build.dockerfile;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parser directives at the very top of a Dockerfile ({@code # escape=`}, {@code # syntax=...}, {@code # check=...}).
 * Only {@code escape} changes how Berth parses; the others are accepted and ignored, as the classic builder does.
 * The first line that is not a known directive (an instruction, a blank line, any other comment) ends them.
 */
final class ParserDirectives {

    // Go's \s is [\t\n\f\r ]: unlike Java's it leaves out \v.
    private static final Pattern DIRECTIVE =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*", Pattern.DOTALL);
    private static final Set<String> KNOWN = Set.of("escape", "syntax", "check");

    private final Set<String> seen = new HashSet<>();
    private boolean done;
    private char escapeToken = '\\';

    char escapeToken() {
        return escapeToken;
    }

    /** Reads {@code line} (already stripped of leading whitespace) as a possible directive. */
    void inspect(String line, int lineNumber) {
        if (done) {
            return;
        }
        if (!line.startsWith("#")) {
            done = true;
            return;
        }
        Matcher directive = DIRECTIVE.matcher(GoStrings.trimLeadingSpace(line.substring(1)));
        if (!directive.matches()) {
            done = true;
            return;
        }
        String name = directive.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(name)) {
            done = true;
            return;
        }
        if (!seen.add(name)) {
            throw new DockerfileParseException(lineNumber, "only one " + name + " parser directive can be used");
        }
        if (name.equals("escape")) {
            String token = directive.group(2);
            if (!token.equals("`") && !token.equals("\\")) {
                throw new DockerfileParseException(lineNumber,
                        "invalid escape token '" + token + "' does not match ` or \\");
            }
            escapeToken = token.charAt(0);
        }
    }
}

package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Dockerfile text as the lines of its instructions: parser directives read, comments and blank lines dropped,
 * continuation lines joined. Docker's rules, which differ from a shell's:
 * <ul>
 *   <li>a comment is a line whose first non-blank character is {@code #}, also in the middle of a continuation
 *       (it is dropped there, and the instruction goes on);</li>
 *   <li>a line continues when it ends with the escape token (and maybe spaces or tabs), unless that token is
 *       itself escaped ({@code \\} at the end of a line ends it);</li>
 *   <li>the first line of an instruction loses its leading whitespace, continuation lines keep theirs, and the
 *       escape token and what follows it are cut off; blank continuation lines are skipped (Docker warns).</li>
 * </ul>
 */
final class LogicalLines {

    /** One instruction's text, continuation joined, and the 1-based line it starts on. */
    record Line(int number, String text) {
    }

    /** The instruction lines, the escape token the directives chose, and how many physical lines the text had. */
    record Source(char escapeToken, List<Line> lines, int physicalLineCount) {
    }

    private LogicalLines() {
    }

    static Source read(String text) {
        List<String> physical = physicalLines(text);
        ParserDirectives directives = new ParserDirectives();
        List<Line> lines = new ArrayList<>();
        int next = 0;
        while (next < physical.size()) {
            int number = next + 1;
            String first = GoStrings.trimLeadingSpace(physical.get(next));
            directives.inspect(first, number);
            next++;
            if (first.startsWith("#")) {
                continue;
            }
            char escape = directives.escapeToken();
            String content = withoutContinuation(first, escape);
            boolean continues = content != null;
            if (!continues && first.isEmpty()) {
                continue;
            }
            StringBuilder joined = new StringBuilder(continues ? content : first);
            while (continues && next < physical.size()) {
                String line = physical.get(next++);
                String trimmed = GoStrings.trimLeadingSpace(line);
                if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                    continue;
                }
                content = withoutContinuation(line, escape);
                continues = content != null;
                joined.append(continues ? content : line);
            }
            lines.add(new Line(number, joined.toString()));
        }
        return new Source(directives.escapeToken(), List.copyOf(lines), physical.size());
    }

    /** The lines split on {@code \n} (after a byte order mark), without trailing carriage returns or a last empty line. */
    private static List<String> physicalLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            lines.add(stripLineEnd(text.substring(start, end)));
            start = end + 1;
        }
        return lines;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    /** The line without its continuation token (and the blanks after it), or null when the line does not continue. */
    private static String withoutContinuation(String line, char escape) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return null;
        }
        if (end >= 2 && line.charAt(end - 2) == escape) {
            return null;
        }
        return line.substring(0, end - 1);
    }
}

package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The few string rules of Go that Docker's Dockerfile parser relies on, so that Berth splits, trims and quotes
 * exactly where Docker does (Java's own notions of whitespace and quoting differ in the details).
 */
final class GoStrings {

    private GoStrings() {
    }

    /** Go's {@code unicode.IsSpace}: ASCII blanks and newlines, NEL, and the Unicode space separators. */
    static boolean isSpace(int codePoint) {
        return switch (codePoint) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85 -> true;
            default -> codePoint > 0x7F && Character.isSpaceChar(codePoint);
        };
    }

    /** The blanks of Docker's {@code [\t\v\f\r ]+}, which separate a keyword and whitespace-delimited arguments. */
    static boolean isBlank(char c) {
        return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ';
    }

    /** Go's {@code strings.TrimSpace}. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.TrimLeftFunc(s, unicode.IsSpace)}. */
    static String trimLeadingSpace(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    /** Splits on runs of blanks, at most {@code limit} parts (any limit below 1: no limit), as Go's {@code Regexp.Split}. */
    static List<String> splitOnBlanks(String s, int limit) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length() && (limit < 1 || parts.size() < limit - 1)) {
            if (isBlank(s.charAt(i))) {
                int end = i;
                while (i < s.length() && isBlank(s.charAt(i))) {
                    i++;
                }
                parts.add(s.substring(start, end));
                start = i;
            } else {
                i++;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Go's {@code %q} of a string, which Docker uses to show the offending text in its messages. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02x", c));
                    } else if (isPrintable(c)) {
                        out.appendCodePoint(c);
                    } else if (c <= 0xFFFF) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        int type = Character.getType(c);
        return !Character.isISOControl(c) && !Character.isSpaceChar(c)
                && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.FORMAT;
    }
}

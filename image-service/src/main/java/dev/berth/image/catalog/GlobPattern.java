package dev.berth.image.catalog;

import java.util.regex.Pattern;

import dev.berth.common.error.BerthException;

/** Go's path.Match patterns ({@code *}, {@code ?}, {@code [...]}, none crossing {@code /}), which
 *  Docker's {@code reference=} filter uses. */
final class GlobPattern {

    private final Pattern regex;

    private GlobPattern(Pattern regex) {
        this.regex = regex;
    }

    static GlobPattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> i = appendClass(glob, i, regex);
                case '\\' -> {
                    if (++i >= glob.length()) {
                        throw badPattern();
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new GlobPattern(Pattern.compile(regex.toString()));
    }

    private static int appendClass(String glob, int start, StringBuilder regex) {
        int end = glob.indexOf(']', start + 1);
        if (end < 0) {
            throw badPattern();
        }
        String body = glob.substring(start + 1, end);
        if (body.startsWith("^")) {
            body = "^" + body.substring(1).replace("[", "\\[");
        } else {
            body = body.replace("[", "\\[");
        }
        regex.append('[').append(body).append("&&[^/]]");
        return end;
    }

    private static BerthException badPattern() {
        return BerthException.invalid("syntax error in pattern");
    }

    boolean matches(String text) {
        return regex.matcher(text).matches();
    }
}

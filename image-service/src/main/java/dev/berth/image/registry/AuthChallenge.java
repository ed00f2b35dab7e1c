package dev.berth.image.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235), e.g.
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:x:pull"}.
 * The scheme is lowercased, parameter names too; values are unquoted.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /** Parses every challenge of one header value; malformed parts are skipped, never fatal. */
    static List<AuthChallenge> parse(String header) {
        List<AuthChallenge> challenges = new ArrayList<>();
        Cursor cursor = new Cursor(header == null ? "" : header);
        String scheme = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        while (cursor.skipSeparators()) {
            String token = cursor.token();
            if (token.isEmpty()) {
                cursor.skipOne();
                continue;
            }
            cursor.skipSpaces();
            if (cursor.peek() == '=' && scheme != null) {
                cursor.skipOne();
                cursor.skipSpaces();
                parameters.put(token.toLowerCase(Locale.ROOT), cursor.value());
            } else {
                if (scheme != null) {
                    challenges.add(new AuthChallenge(scheme, parameters));
                }
                scheme = token.toLowerCase(Locale.ROOT);
                parameters = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            challenges.add(new AuthChallenge(scheme, parameters));
        }
        return challenges;
    }

    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            return position < text.length() ? text.charAt(position) : 0;
        }

        void skipOne() {
            position++;
        }

        void skipSpaces() {
            while (position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
        }

        /** Skips spaces and commas; false at the end. */
        boolean skipSeparators() {
            while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == ',')) {
                position++;
            }
            return position < text.length();
        }

        String token() {
            int start = position;
            while (position < text.length() && isTokenChar(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        String value() {
            if (peek() != '"') {
                return token();
            }
            position++;
            StringBuilder value = new StringBuilder();
            while (position < text.length() && text.charAt(position) != '"') {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            position++;
            return value.toString();
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
        }
    }
}

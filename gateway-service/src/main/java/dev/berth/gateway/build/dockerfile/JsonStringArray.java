package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's test for the exec (JSON) form of {@code RUN}, {@code CMD}, {@code COPY} and the others: the arguments are
 * the form when they are one valid JSON array. Text that is not valid JSON is the shell form; valid JSON holding
 * anything but strings is an error.
 */
final class JsonStringArray {

    static final String NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only";

    private final String text;
    private int pos;

    private JsonStringArray(String text) {
        this.text = text;
    }

    /** The strings of the array, or empty when {@code arguments} is not a JSON array. */
    static Optional<List<String>> parse(String arguments) {
        String trimmed = GoStrings.trimLeadingSpace(arguments);
        if (!trimmed.startsWith("[")) {
            return Optional.empty();
        }
        JsonStringArray reader = new JsonStringArray(trimmed);
        List<Object> elements;
        try {
            elements = reader.array();
            reader.skipWhitespace();
            if (reader.pos != trimmed.length()) {
                return Optional.empty();
            }
        } catch (NotJson e) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (!(element instanceof String s)) {
                throw new InstructionSyntaxError(NOT_STRINGS);
            }
            strings.add(s);
        }
        return Optional.of(List.copyOf(strings));
    }

    /** Text that is not JSON: the instruction is in shell form. */
    private static final class NotJson extends Exception {
        NotJson() {
            super(null, null, false, false);
        }
    }

    /** A JSON value: a String for strings, a List for arrays, a marker object for everything else. */
    private Object value() throws NotJson {
        skipWhitespace();
        if (pos >= text.length()) {
            throw new NotJson();
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '[' -> array();
            case '{' -> object();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private List<Object> array() throws NotJson {
        expect('[');
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return elements;
        }
        while (true) {
            elements.add(value());
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return elements;
            }
            if (c != ',') {
                throw new NotJson();
            }
        }
    }

    private Object object() throws NotJson {
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Boolean.TRUE;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new NotJson();
            }
            string();
            skipWhitespace();
            expect(':');
            value();
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return Boolean.TRUE;
            }
            if (c != ',') {
                throw new NotJson();
            }
        }
    }

    private String string() throws NotJson {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new NotJson();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hexChar());
                default -> throw new NotJson();
            }
        }
    }

    private char hexChar() throws NotJson {
        if (pos + 4 > text.length()) {
            throw new NotJson();
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw new NotJson();
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private Object literal(String word) throws NotJson {
        if (!text.startsWith(word, pos)) {
            throw new NotJson();
        }
        pos += word.length();
        return Boolean.TRUE;
    }

    private Object number() throws NotJson {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw new NotJson();
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw new NotJson();
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw new NotJson();
            }
        }
        if (pos == start) {
            throw new NotJson();
        }
        return Boolean.TRUE;
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private char next() throws NotJson {
        if (pos >= text.length()) {
            throw new NotJson();
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws NotJson {
        if (next() != c) {
            throw new NotJson();
        }
    }
}

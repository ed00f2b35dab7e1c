package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's shell-like processing of one Dockerfile word: quotes removed, escape tokens applied, variables
 * substituted, in a single pass, the way the builder does it for ENV, COPY, WORKDIR and the others.
 * <ul>
 *   <li>{@code $VAR}, {@code ${VAR}}; unset variables are empty; {@code $} before anything else is literal;</li>
 *   <li>{@code ${VAR:-word}} {@code ${VAR-word}} (default), {@code ${VAR:+word}} {@code ${VAR+word}} (alternative),
 *       {@code ${VAR:?msg}} {@code ${VAR?msg}} (required); with {@code :} an empty value counts as unset;</li>
 *   <li>{@code ${VAR#pat}} {@code ${VAR##pat}} {@code ${VAR%pat}} {@code ${VAR%%pat}} (trim a prefix or suffix),
 *       {@code ${VAR/pat/repl}} {@code ${VAR//pat/repl}} (replace), with {@code *} and {@code ?} in patterns;</li>
 *   <li>single quotes keep everything literal; double quotes keep everything but {@code $}, and there the escape
 *       token escapes only {@code "}, {@code $} and itself; outside quotes the escape token escapes any character.</li>
 * </ul>
 */
public final class ShellLex {

    private static final int EOF = -1;

    private final char escapeToken;

    public ShellLex(char escapeToken) {
        this.escapeToken = escapeToken;
    }

    /** The word processed, spaces kept as they are: {@code a"  b"} gives {@code a  b}. */
    public String processWord(String word, VariableLookup variables) {
        return new Scan(word, variables).run().text();
    }

    /**
     * The word processed, then split on the whitespace outside quotes, including whitespace that substitution brought
     * in: with {@code P="80 443"}, {@code $P} gives {@code [80, 443]} while {@code "$P"} gives {@code [80 443]}. This is
     * how Docker reads EXPOSE.
     */
    public List<String> processWords(String word, VariableLookup variables) {
        return new Scan(word, variables).run().words();
    }

    private record Processed(String text, List<String> words) {
    }

    /** Docker's message for a word it cannot process, without the {@code failed to process} prefix. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** Words as substitution builds them: literal text never splits; whitespace a variable brought in does. */
    private static final class Words {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private boolean inWord;

        void add(int c) {
            if (!GoStrings.isSpace(c)) {
                addRaw(c);
            } else if (inWord && current.length() > 0) {
                words.add(current.toString());
                current.setLength(0);
                inWord = false;
            }
        }

        void addRaw(int c) {
            current.appendCodePoint(c);
            inWord = true;
        }

        void addAll(String text) {
            text.codePoints().forEach(this::add);
        }

        void addAllRaw(String text) {
            current.append(text);
            inWord = true;
        }

        List<String> finish() {
            if (current.length() > 0) {
                words.add(current.toString());
                current.setLength(0);
            }
            return List.copyOf(words);
        }
    }

    /** One pass over one word. */
    private final class Scan {
        private final String source;
        private final VariableLookup variables;
        private int pos;
        // Within the pattern of # % / substitutions, escape tokens stay for the pattern to read.
        private boolean keepEscapes;

        Scan(String source, VariableLookup variables) {
            this.source = source;
            this.variables = variables;
        }

        Processed run() {
            try {
                return until(EOF, false);
            } catch (Refusal e) {
                throw new VariableExpansionException(
                        "failed to process " + GoStrings.quote(source) + ": " + e.getMessage());
            }
        }

        private int peek() {
            return pos < source.length() ? source.codePointAt(pos) : EOF;
        }

        private int next() {
            int c = peek();
            if (c != EOF) {
                pos += Character.charCount(c);
            }
            return c;
        }

        /** Processes up to {@code stop} (consumed) or the end of the word. */
        private Processed until(int stop, boolean keepingEscapes) {
            boolean outer = keepEscapes;
            keepEscapes = keepingEscapes;
            try {
                StringBuilder text = new StringBuilder();
                Words words = new Words();
                while (peek() != EOF) {
                    int c = peek();
                    if (stop != EOF && c == stop) {
                        next();
                        return new Processed(text.toString(), words.finish());
                    }
                    switch (c) {
                        case '$' -> {
                            String value = dollar();
                            text.append(value);
                            words.addAll(value);
                        }
                        case '\'' -> append(text, words, singleQuoted());
                        case '"' -> append(text, words, doubleQuoted());
                        case '<' -> append(text, words, lessThan());
                        default -> {
                            next();
                            if (c == escapeToken) {
                                if (keepEscapes) {
                                    words.addRaw(c);
                                    text.appendCodePoint(c);
                                }
                                c = next();
                                if (c == EOF) {
                                    // A trailing escape token escapes nothing and is dropped.
                                    continue;
                                }
                                words.addRaw(c);
                            } else {
                                words.add(c);
                            }
                            text.appendCodePoint(c);
                        }
                    }
                }
                if (stop != EOF) {
                    throw new Refusal("unexpected end of statement while looking for matching " + Character.toString(stop));
                }
                return new Processed(text.toString(), words.finish());
            } finally {
                keepEscapes = outer;
            }
        }

        private void append(StringBuilder text, Words words, String quoted) {
            text.append(quoted);
            words.addAllRaw(quoted);
        }

        private String singleQuoted() {
            next();
            StringBuilder text = new StringBuilder();
            while (true) {
                int c = next();
                if (c == EOF) {
                    throw new Refusal("unexpected end of statement while looking for matching single-quote");
                }
                if (c == '\'') {
                    return text.toString();
                }
                text.appendCodePoint(c);
            }
        }

        private String doubleQuoted() {
            next();
            StringBuilder text = new StringBuilder();
            while (true) {
                int c = peek();
                if (c == EOF) {
                    throw new Refusal("unexpected end of statement while looking for matching double-quote");
                }
                if (c == '"') {
                    next();
                    return text.toString();
                }
                if (c == '$') {
                    text.append(dollar());
                    continue;
                }
                next();
                if (c == escapeToken) {
                    if (keepEscapes) {
                        text.appendCodePoint(c);
                    }
                    int escaped = peek();
                    if (escaped == EOF) {
                        continue;
                    }
                    if (escaped == '"' || escaped == '$' || escaped == escapeToken) {
                        c = next();
                    }
                }
                text.appendCodePoint(c);
            }
        }

        /** {@code <<} and the blanks after it stay together (a heredoc marker); any other {@code <} is plain text. */
        private String lessThan() {
            next();
            if (peek() != '<') {
                return "<";
            }
            next();
            StringBuilder marker = new StringBuilder("<<");
            while (peek() == ' ' || peek() == '\t' || peek() == '\r') {
                marker.appendCodePoint(next());
            }
            return marker.toString();
        }

        private String dollar() {
            next();
            if (peek() != '{') {
                String name = name();
                return name.isEmpty() ? "$" : value(name).orElse("");
            }
            next();
            int first = peek();
            if (first == EOF) {
                throw new Refusal("syntax error: missing '}'");
            }
            if (first == '{' || first == '}' || first == ':') {
                throw new Refusal("syntax error: bad substitution");
            }
            String name = name();
            int modifier = next();
            if (modifier == '}') {
                return value(name).orElse("");
            }
            if (modifier == EOF) {
                throw new Refusal("syntax error: missing '}'");
            }
            if (modifier == '/') {
                return replace(name);
            }
            String written = Character.toString(modifier);
            boolean emptyIsUnset = modifier == ':';
            if (emptyIsUnset) {
                modifier = next();
                written += modifier == EOF ? "" : Character.toString(modifier);
            } else if ("-+?#%".indexOf(modifier) < 0) {
                throw unsupported(written);
            }
            boolean trims = modifier == '#' || modifier == '%';
            if (emptyIsUnset && trims) {
                throw unsupported(written);
            }
            String word = wordUntilBrace(trims);
            Optional<String> value = value(name);
            boolean unset = value.isEmpty() || emptyIsUnset && value.get().isEmpty();
            return switch (modifier) {
                case '-' -> unset ? word : value.get();
                case '+' -> unset ? "" : word;
                case '?' -> {
                    if (value.isEmpty()) {
                        throw new Refusal(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (unset) {
                        throw new Refusal(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    yield value.get();
                }
                case '#', '%' -> trim(value.orElse(""), modifier, word);
                default -> throw unsupported(written);
            };
        }

        private Refusal unsupported(String modifier) {
            return new Refusal("unsupported modifier (" + modifier + ") in substitution");
        }

        private String wordUntilBrace(boolean keepingEscapes) {
            try {
                return until('}', keepingEscapes).text();
            } catch (Refusal e) {
                if (peek() == EOF) {
                    throw new Refusal("syntax error: missing '}'");
                }
                throw e;
            }
        }

        /** {@code ${VAR#pat}} and the others: removes the shortest (or, doubled, longest) matching prefix or suffix. */
        private String trim(String value, int modifier, String word) {
            boolean longest = !word.isEmpty() && word.codePointAt(0) == modifier;
            String pattern = longest ? word.substring(Character.charCount(modifier)) : word;
            Pattern regex = patternRegex(pattern);
            int length = value.length();
            for (int step = 0; step <= length; step++) {
                int cut = longest ? length - step : step;
                if (modifier == '#') {
                    if (regex.matcher(value.substring(0, cut)).matches()) {
                        return value.substring(cut);
                    }
                } else if (regex.matcher(value.substring(length - cut)).matches()) {
                    return value.substring(0, length - cut);
                }
            }
            return value;
        }

        /** {@code ${VAR/pat/repl}} replaces the first match, {@code ${VAR//pat/repl}} every match. */
        private String replace(String name) {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pattern;
            try {
                pattern = until('/', true).text();
            } catch (Refusal e) {
                if (peek() == EOF) {
                    throw new Refusal("syntax error: missing '/' in ${}");
                }
                throw e;
            }
            String replacement = wordUntilBrace(true);
            String value = value(name).orElse("");
            Matcher matcher = patternRegex(pattern).matcher(value);
            String literal = Matcher.quoteReplacement(replacement);
            return all ? matcher.replaceAll(literal) : matcher.replaceFirst(literal);
        }

        /**
         * A substitution pattern as a regular expression: {@code *} any text, {@code ?} one character, a backslash
         * makes {@code * ? \\} literal (and is dropped before a slash or closing brace it had to escape).
         */
        private Pattern patternRegex(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    case '\\' -> {
                        char escaped = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                        if (escaped == '}' || escaped == '/') {
                            continue;
                        }
                        if (escaped != '*' && escaped != '?' && escaped != '\\') {
                            throw new Refusal("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                                    + (escaped == 0 ? "" : String.valueOf(escaped)) + "'");
                        }
                        regex.append('\\').append(escaped);
                        i++;
                    }
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        /** A variable name: letters, digits and underscores; or only digits (positional); or one special character. */
        private String name() {
            StringBuilder name = new StringBuilder();
            int c = peek();
            if (c != EOF && Character.isDigit(c)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (c != EOF && "@*#?-$!0".indexOf(c) >= 0) {
                next();
                return Character.toString(c);
            }
            while (peek() != EOF && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                name.appendCodePoint(next());
            }
            return name.toString();
        }

        private Optional<String> value(String name) {
            return variables.lookup(name);
        }
    }
}

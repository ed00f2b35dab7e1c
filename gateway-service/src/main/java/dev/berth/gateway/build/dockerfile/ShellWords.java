package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's first split of {@code ENV}, {@code LABEL} and {@code ARG} arguments into words: whitespace separates words
 * except inside single or double quotes, and the escape token keeps the next character in the word. Quotes and escape
 * tokens stay in the words: they are removed later, together with variable substitution, by {@link ShellLex}.
 * <pre>{@code
 * ShellWords.split("a=\"b c\" d=e\\ f", '\\')  ->  [a="b c", d=e\ f]
 * }</pre>
 */
public final class ShellWords {

    private ShellWords() {
    }

    public static List<String> split(String text, char escapeToken) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        char quote = 0;
        boolean inQuote = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!inWord) {
                if (GoStrings.isSpace(c)) {
                    continue;
                }
                inWord = true;
            }
            if (inQuote) {
                if (c == quote) {
                    inQuote = false;
                } else if (c == escapeToken && quote != '\'') {
                    if (i + 1 == length) {
                        // Docker drops an escape token that ends the text, and with it the open quote.
                        inQuote = false;
                        continue;
                    }
                    word.append(c);
                    c = text.charAt(++i);
                }
                word.append(c);
                continue;
            }
            if (GoStrings.isSpace(c)) {
                if (quoted || word.length() > 0) {
                    words.add(word.toString());
                }
                word.setLength(0);
                quoted = false;
                inWord = false;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                quoted = true;
                inQuote = true;
            } else if (c == escapeToken) {
                if (i + 1 == length) {
                    continue;
                }
                word.append(c);
                c = text.charAt(++i);
            }
            word.append(c);
        }
        if (inWord && (quoted || word.length() > 0)) {
            words.add(word.toString());
        }
        return words;
    }
}

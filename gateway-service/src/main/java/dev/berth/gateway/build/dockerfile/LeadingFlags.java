package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --name[=value]} words at the start of an instruction's arguments, which Docker takes as the instruction's
 * flags whatever the instruction, and the arguments after them. Quotes inside a flag are removed and the escape token
 * escapes the next character; a lone {@code --} ends the flags.
 *
 * @param flags the flags as Docker hands them to the instruction, e.g. {@code --chown=1000:1000}
 * @param rest  the arguments after the flags, untrimmed
 */
record LeadingFlags(List<String> flags, String rest) {

    LeadingFlags {
        flags = List.copyOf(flags);
    }

    static LeadingFlags split(String arguments, char escape) {
        List<String> flags = new ArrayList<>();
        int pos = 0;
        int length = arguments.length();
        while (true) {
            while (pos < length && GoStrings.isSpace(arguments.charAt(pos))) {
                pos++;
            }
            if (!arguments.startsWith("--", pos)) {
                return new LeadingFlags(flags, arguments.substring(pos));
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            char quote = 0;
            boolean inQuote = false;
            while (pos < length) {
                char c = arguments.charAt(pos++);
                if (inQuote) {
                    if (c == quote) {
                        inQuote = false;
                        continue;
                    }
                } else if (GoStrings.isSpace(c)) {
                    pos--;
                    break;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    quoted = true;
                    inQuote = true;
                    continue;
                }
                if (c == escape) {
                    if (pos == length) {
                        // An escape token at the very end escapes nothing; Docker drops it.
                        inQuote = false;
                        continue;
                    }
                    c = arguments.charAt(pos++);
                }
                word.append(c);
            }
            if (word.toString().equals("--")) {
                return new LeadingFlags(flags, arguments.substring(pos));
            }
            if (quoted || word.length() > 0) {
                flags.add(word.toString());
            }
        }
    }
}

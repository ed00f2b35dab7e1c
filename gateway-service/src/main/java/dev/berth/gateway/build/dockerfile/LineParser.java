package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Docker's first parsing pass over one instruction line: keyword, flags, and arguments split as the keyword wants
 * (JSON array or shell text, whitespace-separated words, name=value pairs, the whole rest of the line). Unknown
 * keywords pass here with no arguments; they are refused in the second pass, as in Docker, so that a syntax error
 * further down the file is reported first.
 */
final class LineParser {

    private final char escape;

    LineParser(char escape) {
        this.escape = escape;
    }

    SyntaxNode parse(int lineNumber, String line) {
        List<String> keywordAndRest = GoStrings.splitOnBlanks(GoStrings.trimSpace(line), 2);
        String keyword = keywordAndRest.get(0);
        List<String> flags = List.of();
        String rest = "";
        if (keywordAndRest.size() == 2) {
            LeadingFlags leading = LeadingFlags.split(keywordAndRest.get(1), escape);
            flags = leading.flags();
            rest = GoStrings.trimSpace(leading.rest());
        }
        Arguments arguments = switch (keyword.toLowerCase(Locale.ROOT)) {
            case "run", "cmd", "entrypoint", "shell" -> jsonOrShellText(rest);
            case "add", "copy", "volume" -> jsonOrWords(rest);
            case "from", "expose" -> new Arguments(words(rest), false);
            case "env" -> new Arguments(namesAndValues(rest, "ENV"), false);
            case "label" -> new Arguments(namesAndValues(rest, "LABEL"), false);
            case "arg" -> new Arguments(ShellWords.split(rest, escape), false);
            case "maintainer", "stopsignal", "user", "workdir" ->
                    new Arguments(rest.isEmpty() ? List.of() : List.of(rest), false);
            case "healthcheck" -> healthcheck(rest);
            default -> new Arguments(List.of(), false);
        };
        SyntaxNode trigger = null;
        if (keyword.equalsIgnoreCase("onbuild") && !rest.isEmpty()) {
            trigger = parse(lineNumber, rest);
        }
        return new SyntaxNode(lineNumber, keyword, line, flags, arguments.values(), arguments.json(), trigger);
    }

    private record Arguments(List<String> values, boolean json) {
    }

    /** RUN, CMD, ENTRYPOINT, SHELL: a JSON array, or else the whole text as one shell command line. */
    private static Arguments jsonOrShellText(String rest) {
        if (rest.isEmpty()) {
            return new Arguments(List.of(), false);
        }
        Optional<List<String>> json = JsonStringArray.parse(rest);
        return json.map(values -> new Arguments(values, true)).orElseGet(() -> new Arguments(List.of(rest), false));
    }

    /** COPY, ADD, VOLUME: a JSON array, or else whitespace-separated words (quotes are not special here). */
    private static Arguments jsonOrWords(String rest) {
        Optional<List<String>> json = JsonStringArray.parse(rest);
        return json.map(values -> new Arguments(values, true)).orElseGet(() -> new Arguments(words(rest), false));
    }

    private static List<String> words(String rest) {
        return rest.isEmpty() ? List.of() : GoStrings.splitOnBlanks(rest, 0);
    }

    /**
     * ENV and LABEL: {@code name=value ...}, or the legacy {@code name value}, where the value is the rest of the line
     * (told apart by whether the first word has an {@code =}). Names and values alternate in the result.
     */
    private List<String> namesAndValues(String rest, String keyword) {
        List<String> words = ShellWords.split(rest, escape);
        if (words.isEmpty()) {
            return List.of();
        }
        if (!words.get(0).contains("=")) {
            List<String> nameAndValue = GoStrings.splitOnBlanks(rest, 2);
            if (nameAndValue.size() < 2) {
                throw new InstructionSyntaxError(keyword + " must have two arguments");
            }
            return nameAndValue;
        }
        List<String> pairs = new ArrayList<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 0) {
                throw new InstructionSyntaxError("Syntax error - can't find = in " + GoStrings.quote(word)
                        + ". Must be of the form: name=value");
            }
            pairs.add(word.substring(0, equals));
            pairs.add(word.substring(equals + 1));
        }
        return pairs;
    }

    /** HEALTHCHECK: a type word ({@code CMD}, {@code NONE}) and, after it, a command as for CMD. */
    private static Arguments healthcheck(String rest) {
        if (rest.isEmpty()) {
            return new Arguments(List.of(), false);
        }
        int end = 0;
        while (end < rest.length() && !GoStrings.isSpace(rest.charAt(end))) {
            end++;
        }
        Arguments command = jsonOrShellText(GoStrings.trimLeadingSpace(rest.substring(end)));
        List<String> values = new ArrayList<>();
        values.add(rest.substring(0, end));
        values.addAll(command.values());
        return new Arguments(values, command.json());
    }
}

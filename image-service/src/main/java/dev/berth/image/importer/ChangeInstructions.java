package dev.berth.image.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.error.BerthException;
import dev.berth.image.spec.RunConfig;

/**
 * Applies {@code docker import --change} instructions to an image config, like Docker's
 * BuildFromConfig: CMD, ENTRYPOINT (exec and shell form), ENV, LABEL (both {@code k=v} and the
 * legacy {@code k v}), EXPOSE, VOLUME, WORKDIR, USER, STOPSIGNAL. Every instruction is checked
 * before any is applied, with Docker's messages. ONBUILD, which Docker also accepts, is refused:
 * our images do not model it. Variables ({@code $VAR}) are not expanded.
 */
public final class ChangeInstructions {

    private static final Set<String> VALID = Set.of(
            "cmd", "entrypoint", "env", "expose", "label", "stopsignal", "user", "volume", "workdir");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\w+))?");
    private static final Pattern SIGNAL = Pattern.compile("(?i)(?:SIG)?[A-Z0-9+-]+|\\d+");

    private final List<Instruction> instructions;

    private ChangeInstructions(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    /** Parses and checks the changes. @throws BerthException with Docker's message */
    public static ChangeInstructions parse(List<String> changes) {
        List<Instruction> parsed = new ArrayList<>();
        for (LogicalLine line : logicalLines(String.join("\n", changes))) {
            String[] parts = line.text().split("\\s+", 2);
            String keyword = parts[0].toLowerCase(Locale.ROOT);
            if (!VALID.contains(keyword)) {
                throw BerthException.invalid(keyword + " is not a valid change command");
            }
            String arguments = parts.length > 1 ? parts[1].trim() : "";
            if (arguments.isEmpty()) {
                throw parseError(line, keyword.toUpperCase(Locale.ROOT) + " requires at least one argument");
            }
            parsed.add(new Instruction(keyword, arguments, line.number()));
        }
        ChangeInstructions result = new ChangeInstructions(parsed);
        result.applyTo(RunConfig.empty()); // surfaces argument errors before anything is stored
        return result;
    }

    public boolean isEmpty() {
        return instructions.isEmpty();
    }

    /** The config with every instruction applied in order. */
    public RunConfig applyTo(RunConfig base) {
        MutableRunConfig config = new MutableRunConfig(base);
        for (Instruction instruction : instructions) {
            apply(instruction, config);
        }
        return config.toRunConfig();
    }

    private static void apply(Instruction instruction, MutableRunConfig config) {
        String args = instruction.arguments();
        switch (instruction.keyword()) {
            case "cmd" -> {
                config.cmd = commandLine(args);
                config.cmdSet = true;
            }
            case "entrypoint" -> {
                config.entrypoint = commandLine(args);
                if (!config.cmdSet) {
                    config.cmd = null; // as Docker: an ENTRYPOINT drops an inherited CMD
                }
            }
            case "env" -> keyValues(instruction, "ENV").forEach(config::setEnv);
            case "label" -> keyValues(instruction, "LABEL").forEach(config::setLabel);
            case "expose" -> {
                for (String port : DockerfileWords.split(args)) {
                    exposedPorts(port).forEach(config::expose);
                }
            }
            case "volume" -> jsonArray(args).orElseGet(() -> DockerfileWords.split(args)).forEach(config::addVolume);
            case "workdir" -> config.workingDir = workingDir(config.workingDir, single(instruction, "WORKDIR"));
            case "user" -> config.user = single(instruction, "USER");
            case "stopsignal" -> config.stopSignal = signal(single(instruction, "STOPSIGNAL"));
            default -> throw new IllegalStateException("unchecked instruction " + instruction.keyword());
        }
    }

    private static List<String> commandLine(String args) {
        return jsonArray(args).orElseGet(() -> List.of("/bin/sh", "-c", args));
    }

    /** The JSON (exec) form when the text is a JSON array of strings; Docker falls back to the shell form otherwise. */
    private static Optional<List<String>> jsonArray(String args) {
        if (!args.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(args, new TypeReference<List<String>>() { }));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> keyValues(Instruction instruction, String name) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String args = instruction.arguments();
        List<String> words = DockerfileWords.split(args);
        if (words.get(0).contains("=")) {
            for (String word : words) {
                int equals = word.indexOf('=');
                if (equals < 0) {
                    throw parseError(instruction, "Syntax error - can't find = in \"" + word
                            + "\". Must be of the form: name=value");
                }
                if (equals == 0) {
                    throw parseError(instruction, name + " names can not be blank");
                }
                pairs.put(word.substring(0, equals), word.substring(equals + 1));
            }
            return pairs;
        }
        String[] legacy = args.split("\\s+", 2);
        if (legacy.length < 2) {
            throw parseError(instruction, name + " must have two arguments");
        }
        pairs.put(DockerfileWords.unquote(legacy[0]), DockerfileWords.unquote(legacy[1].trim()));
        return pairs;
    }

    private static List<String> exposedPorts(String spec) {
        Matcher matcher = PORT.matcher(spec);
        if (!matcher.matches()) {
            throw BerthException.invalid("invalid containerPort: " + spec);
        }
        String protocol = matcher.group(3) == null ? "tcp" : matcher.group(3).toLowerCase(Locale.ROOT);
        if (!Set.of("tcp", "udp", "sctp").contains(protocol)) {
            throw BerthException.invalid("invalid proto: " + protocol);
        }
        int first = port(matcher.group(1), spec);
        int last = matcher.group(2) == null ? first : port(matcher.group(2), spec);
        if (last < first) {
            throw BerthException.invalid("invalid range specified for containerPort: " + spec);
        }
        List<String> ports = new ArrayList<>();
        for (int port = first; port <= last; port++) {
            ports.add(port + "/" + protocol);
        }
        return ports;
    }

    private static int port(String digits, String spec) {
        try {
            int port = Integer.parseInt(digits);
            if (port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw BerthException.invalid("invalid containerPort: " + spec);
    }

    private static String workingDir(String current, String requested) {
        if (requested.startsWith("/")) {
            return Path.of(requested).normalize().toString();
        }
        String base = current == null || current.isEmpty() ? "/" : current;
        return Path.of(base, requested).normalize().toString();
    }

    private static String signal(String value) {
        if (!SIGNAL.matcher(value).matches()) {
            throw BerthException.invalid("Invalid signal: " + value);
        }
        return value;
    }

    private static String single(Instruction instruction, String name) {
        List<String> words = DockerfileWords.split(instruction.arguments());
        if (words.size() != 1) {
            throw parseError(instruction, name + " requires exactly one argument");
        }
        return words.get(0);
    }

    private static BerthException parseError(Instruction instruction, String message) {
        return BerthException.invalid("dockerfile parse error on line " + instruction.line() + ": " + message);
    }

    private static BerthException parseError(LogicalLine line, String message) {
        return BerthException.invalid("dockerfile parse error on line " + line.number() + ": " + message);
    }

    /** Joins backslash continuations and drops blank and comment lines, keeping start line numbers. */
    private static List<LogicalLine> logicalLines(String text) {
        List<LogicalLine> lines = new ArrayList<>();
        String[] physical = text.split("\n", -1);
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i].strip();
            if (current.isEmpty()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            lines.add(new LogicalLine(current.toString().strip(), start));
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            lines.add(new LogicalLine(current.toString().strip(), start));
        }
        return lines;
    }

    private record LogicalLine(String text, int number) {
    }

    private record Instruction(String keyword, String arguments, int line) {
    }
}

package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flags one instruction accepts, and the values its {@code --name=value} words give them, with Docker's messages
 * for a flag it does not know, a repeated one, or a value of the wrong kind.
 */
final class FlagSet {

    private enum Kind { BOOLEAN, STRING, STRINGS }

    private final Map<String, Kind> accepted = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> repeated = new HashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    FlagSet bool(String name) {
        accepted.put(name, Kind.BOOLEAN);
        return this;
    }

    FlagSet string(String name) {
        accepted.put(name, Kind.STRING);
        return this;
    }

    /** A flag that may be given several times, each value kept ({@code RUN --mount}). */
    FlagSet strings(String name) {
        accepted.put(name, Kind.STRINGS);
        return this;
    }

    FlagSet parse(List<String> flags) {
        for (String flag : flags) {
            if (flag.equals("--")) {
                break;
            }
            if (!flag.startsWith("--")) {
                throw new InstructionSyntaxError("arg should start with -- : " + flag);
            }
            int equals = flag.indexOf('=');
            String written = equals < 0 ? flag : flag.substring(0, equals);
            String value = equals < 0 ? null : flag.substring(equals + 1);
            String name = written.substring(2);
            Kind kind = accepted.get(name);
            if (kind == null) {
                throw new InstructionSyntaxError("unknown flag: " + written
                        + Suggestion.didYouMean(name, accepted.keySet(), true));
            }
            if (!used.add(name) && kind != Kind.STRINGS) {
                throw new InstructionSyntaxError("duplicate flag specified: " + written);
            }
            switch (kind) {
                case BOOLEAN -> values.put(name, booleanValue(written, value));
                case STRING -> values.put(name, requireValue(written, value));
                case STRINGS -> repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(requireValue(written, value));
            }
        }
        return this;
    }

    boolean isTrue(String name) {
        return "true".equals(values.get(name));
    }

    /** The flag's value; empty when it was not given or given empty, which Docker treats alike. */
    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    List<String> values(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    /** The names of the flags given, in the order they first appear. */
    List<String> used() {
        return List.copyOf(used);
    }

    private static String booleanValue(String written, String value) {
        if (value != null && value.isEmpty()) {
            throw new InstructionSyntaxError("missing a value on flag: " + written);
        }
        String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "", "true" -> "true";
            case "false" -> "false";
            default -> throw new InstructionSyntaxError(
                    "expecting boolean value for flag " + written + ", not: " + value);
        };
    }

    private static String requireValue(String written, String value) {
        if (value == null) {
            throw new InstructionSyntaxError("missing a value on flag: " + written);
        }
        return value;
    }
}

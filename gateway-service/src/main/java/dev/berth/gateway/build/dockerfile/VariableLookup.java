package dev.berth.gateway.build.dockerfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The variables a substitution may use: a name is set (maybe to the empty string) or unset. */
@FunctionalInterface
public interface VariableLookup {

    Optional<String> lookup(String name);

    static VariableLookup of(Map<String, String> variables) {
        Map<String, String> copy = new HashMap<>(variables);
        copy.values().removeIf(Objects::isNull);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /**
     * Variables from {@code NAME=value} entries, as a container's {@code Env} lists them; a later entry wins over an
     * earlier one, and an entry without {@code =} sets its name to the empty string.
     */
    static VariableLookup fromEnvList(List<String> env) {
        Map<String, String> variables = new HashMap<>();
        for (String entry : env) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                variables.put(entry, "");
            } else {
                variables.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return of(variables);
    }

    /** No variable is set: substitution still removes quotes and escapes, and {@code $X} becomes empty. */
    static VariableLookup none() {
        return name -> Optional.empty();
    }

    /** This lookup first, then {@code other} for the names this one does not set. */
    default VariableLookup orElse(VariableLookup other) {
        return name -> {
            Optional<String> value = lookup(name);
            return value.isPresent() ? value : other.lookup(name);
        };
    }
}

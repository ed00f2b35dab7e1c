package dev.berth.container.naming;

import java.util.regex.Pattern;

import dev.berth.common.error.BerthException;

/** Docker's rule for user-given container names; names are stored without the leading "/". */
public final class ContainerNames {

    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

    private ContainerNames() {
    }

    /** The stored form of a valid name, else INVALID_ARGUMENT with Docker's text. */
    public static String validate(String name) {
        if (!VALID.matcher(name).matches()) {
            throw BerthException.invalid(
                    "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return strip(name);
    }

    public static String strip(String ref) {
        return ref.startsWith("/") ? ref.substring(1) : ref;
    }

    public static BerthException nameInUse(String name, String holderId) {
        return BerthException.alreadyExists("Conflict. The container name \"/" + name
                + "\" is already in use by container \"" + holderId
                + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
}

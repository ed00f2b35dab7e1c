package dev.berth.container.network;

import java.util.regex.Pattern;

import dev.berth.common.error.BerthException;

/** Names of user-defined networks: as container names, so that they are safe in files and logs. */
final class NetworkNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

    private NetworkNames() {
    }

    static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw BerthException.invalid("network name must not be empty");
        }
        if (!VALID.matcher(name).matches()) {
            throw BerthException.invalid("invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (NetworkCatalog.BUILTIN.containsKey(name)) {
            throw BerthException.forbidden("operation is not permitted on predefined " + name + " network ");
        }
    }

    /** A --alias: a name other members resolve, so as safe as a container name. */
    static void checkAlias(String alias) {
        if (!VALID.matcher(alias).matches()) {
            throw BerthException.invalid("invalid network alias \"" + alias + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
}

package dev.berth.container.volume;

import java.util.regex.Pattern;

import dev.berth.common.error.BerthException;

/**
 * Local volume names, as Docker's local driver allows them: they name a directory under the
 * volumes root, so nothing that could leave it ('/', '..') passes.
 */
public final class VolumeNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private VolumeNames() {
    }

    public static String check(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw BerthException.invalid("create " + name + ": \"" + name + "\" includes invalid characters for a local "
                    + "volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host "
                    + "directory, use absolute path");
        }
        return name;
    }
}

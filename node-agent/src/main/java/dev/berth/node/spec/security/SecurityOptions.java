package dev.berth.node.spec.security;

import dev.berth.common.error.BerthException;
import java.util.List;

/**
 * HostConfig.SecurityOpt as dockerd (28) reads it: "no-new-privileges[=|:bool]", "seccomp=unconfined"
 * or "seccomp=PROFILE-JSON", "writable-cgroups[=bool]", and "apparmor=..." / "label=...", which a node without AppArmor or
 * SELinux (this kind of node) accepts and cannot apply, as dockerd does. Anything else is refused
 * in dockerd's words.
 *
 * @param seccomp null: Docker's default profile; "unconfined"; or a profile's JSON
 * @param writableCgroups null: as privileged (writable only for a privileged container)
 */
public record SecurityOptions(boolean noNewPrivileges, String seccomp, Boolean writableCgroups) {

    public static final String UNCONFINED = "unconfined";

    public static SecurityOptions parse(List<String> options) {
        boolean noNewPrivileges = false;
        String seccomp = null;
        Boolean writableCgroups = null;
        for (String option : options) {
            if (option.equals("no-new-privileges")) {
                noNewPrivileges = true;
                continue;
            }
            if (option.equals("writable-cgroups")) {
                writableCgroups = true;
                continue;
            }
            if (option.equals("disable")) { // the old spelling of label=disable
                continue;
            }
            int eq = option.indexOf('=');
            int colon = option.indexOf(':');
            // "=" is the separator; ":" the deprecated one, used only when there is no "=".
            int sep = eq >= 0 ? eq : colon;
            if (sep < 0) {
                throw BerthException.invalid("invalid --security-opt 1: \"" + option + "\"");
            }
            String key = option.substring(0, sep);
            String value = option.substring(sep + 1);
            switch (key) {
                case "label", "apparmor" -> { }
                case "seccomp" -> seccomp = value.equals("builtin") || value.isEmpty() ? null : value;
                case "no-new-privileges" -> noNewPrivileges = parseBool(value, option);
                case "writable-cgroups" -> writableCgroups = parseBool(value, option);
                default -> throw BerthException.invalid("invalid --security-opt 2: \"" + option + "\"");
            }
        }
        return new SecurityOptions(noNewPrivileges, seccomp, writableCgroups);
    }

    /** Go's strconv.ParseBool. */
    private static boolean parseBool(String value, String option) {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw BerthException.invalid("invalid --security-opt 2: \"" + option + "\"");
        };
    }
}

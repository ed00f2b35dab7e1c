package dev.berth.node.spec.ulimit;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.Ulimit;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --ulimit name=soft[:hard]}: each becomes the OCI process rlimit {@code RLIMIT_<NAME>},
 * replacing the node's default of that type (the host's open files limit).
 */
public final class Ulimits {

    /** The names Docker's ulimit parser knows. */
    static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private Ulimits() {
    }

    /** INVALID_ARGUMENT with Docker's words for an unknown name or a soft limit above the hard one. */
    public static void check(HostConfig host) {
        for (Ulimit u : host.getUlimitsList()) {
            if (!NAMES.contains(u.getName())) {
                throw BerthException.invalid("invalid ulimit type: " + u.getName());
            }
            if (u.getSoft() < 0 || u.getHard() < 0) {
                // The OCI rlimit is unsigned: "unlimited" would need its own encoding.
                throw BerthException.invalid("invalid ulimit " + u.getName() + ": Berth does not support negative (unlimited) values yet");
            }
            if (u.getSoft() > u.getHard()) {
                throw BerthException.invalid("ulimit soft limit must be less than or equal to hard limit: "
                        + u.getSoft() + " > " + u.getHard());
            }
        }
    }

    public static SpecOption of(HostConfig host) {
        return spec -> host.getUlimitsList().forEach(u -> spec.rlimit(new OciSpec.Rlimit(
                "RLIMIT_" + u.getName().toUpperCase(Locale.ROOT), u.getHard(), u.getSoft())));
    }
}

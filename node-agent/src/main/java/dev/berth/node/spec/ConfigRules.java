package dev.berth.node.spec;

import dev.berth.node.spec.fs.ShmSize;
import dev.berth.node.spec.fs.BindMounts;
import dev.berth.node.spec.fs.TmpfsMounts;
import dev.berth.node.spec.sysctl.Sysctls;
import dev.berth.node.spec.ulimit.Ulimits;
import dev.berth.proto.v1.HostConfig;

/**
 * Docker's checks and defaults of a new container's process and filesystem options, made before
 * anything is prepared: a bad value is INVALID_ARGUMENT with Docker's words, and the host config
 * comes back with the defaults Docker fills in (the /dev/shm size), which is what inspect shows.
 */
public final class ConfigRules {

    private ConfigRules() {
    }

    public static HostConfig apply(HostConfig asked) {
        HostConfig.Builder host = ShmSize.adapt(asked.toBuilder());
        Ulimits.check(asked);
        Sysctls.check(asked, OciSpecFactory.usesHostNetwork(asked));
        TmpfsMounts.check(asked);
        BindMounts.check(asked);
        return host.build();
    }
}

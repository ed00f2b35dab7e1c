package dev.berth.node.spec.init;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --init}: tini runs as the container's PID 1 (it reaps zombies and forwards signals) and
 * execs the entrypoint and command given after {@code --}. The host's static tini is bind-mounted
 * read-only at Docker's path, so it runs whatever libc the image has, or none.
 */
public final class InitProcess {

    /** Where the init appears inside the container: Docker's path, so that {@code ps} reads the same. */
    public static final String CONTAINER_PATH = "/sbin/docker-init";

    private InitProcess() {
    }

    /** The option for a container that asked for an init; fails when the node has no init binary. */
    public static SpecOption of(Path initBinary) {
        if (initBinary == null || !Files.isRegularFile(initBinary) || !Files.isExecutable(initBinary)) {
            throw BerthException.internal("the init binary " + initBinary
                    + " is missing on this node (install Debian's tini package)");
        }
        return spec -> spec
                .prependArgs(List.of(CONTAINER_PATH, "--"))
                .mount(new OciSpec.Mount(CONTAINER_PATH, "bind", initBinary.toString(), List.of("bind", "ro")));
    }
}

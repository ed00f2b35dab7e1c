package dev.berth.node.spec.fs;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
import java.util.List;

/** {@code --shm-size}: the size of the container's /dev/shm tmpfs; Docker's default is 64 MiB. */
public final class ShmSize {

    public static final long DEFAULT_BYTES = 64L * 1024 * 1024;

    private ShmSize() {
    }

    /** The host config with Docker's default filled in for 0; a negative size is refused with Docker's words. */
    public static HostConfig.Builder adapt(HostConfig.Builder host) {
        if (host.getShmSize() < 0) {
            throw BerthException.invalid("SHM size can not be less than 0");
        }
        if (host.getShmSize() == 0) {
            host.setShmSize(DEFAULT_BYTES);
        }
        return host;
    }

    public static SpecOption of(long bytes) {
        long size = bytes > 0 ? bytes : DEFAULT_BYTES;
        return spec -> spec.mount(new OciSpec.Mount("/dev/shm", "tmpfs", "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + size)));
    }
}

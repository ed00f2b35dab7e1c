package dev.berth.node.spec;

import dev.berth.proto.v1.HostConfig;

/**
 * The container's resource limits as the OCI spec's {@code linux.resources}, the way Docker's
 * daemon fills them: zero means "not set", {@code --cpus} becomes a CFS quota over a 100 ms
 * period, and an explicit period or quota wins over it. The host config has already been checked
 * and adjusted for this host (ResourceRules); runc writes the cgroup files.
 */
public final class CgroupResources {

    /** Docker's CFS period for --cpus, in microseconds. */
    static final long NANO_CPUS_PERIOD = 100_000;

    private CgroupResources() {
    }

    public static SpecOption of(HostConfig host) {
        return spec -> spec.memory(memory(host)).cpu(cpu(host)).pids(pids(host)).blockIO(blockIO(host));
    }

    static OciSpec.Memory memory(HostConfig host) {
        Long limit = positive(host.getMemory());
        Long reservation = positive(host.getMemoryReservation());
        // -1 (unlimited swap) is what a fresh cgroup has; only a real limit is written.
        Long swap = positive(host.getMemorySwap());
        if (limit == null && reservation == null && swap == null) {
            return null;
        }
        return new OciSpec.Memory(limit, reservation, swap);
    }

    static OciSpec.Cpu cpu(HostConfig host) {
        Long shares = host.getCpuShares() != 0 ? host.getCpuShares() : null;
        Long quota = null;
        Long period = null;
        if (host.getNanoCpus() > 0) {
            period = NANO_CPUS_PERIOD;
            quota = host.getNanoCpus() * NANO_CPUS_PERIOD / 1_000_000_000L;
        }
        if (host.getCpuPeriod() != 0) {
            period = host.getCpuPeriod();
        }
        if (host.getCpuQuota() != 0) {
            quota = host.getCpuQuota();
        }
        String cpus = emptyToNull(host.getCpusetCpus());
        String mems = emptyToNull(host.getCpusetMems());
        if (shares == null && quota == null && period == null && cpus == null && mems == null) {
            return null;
        }
        return new OciSpec.Cpu(shares, quota, period, cpus, mems);
    }

    static OciSpec.Pids pids(HostConfig host) {
        return host.hasPidsLimit() && host.getPidsLimit() > 0 ? new OciSpec.Pids(host.getPidsLimit()) : null;
    }

    static OciSpec.BlockIO blockIO(HostConfig host) {
        return host.getBlkioWeight() > 0 ? new OciSpec.BlockIO(host.getBlkioWeight()) : null;
    }

    private static Long positive(long value) {
        return value > 0 ? value : null;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}

package dev.berth.node.resources;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.HostConfig;
import java.util.BitSet;

/**
 * Docker's checks and adjustments of a new container's resources, in Docker's order (moby's
 * verifyPlatformContainerResources, then adaptContainerSettings): a value Docker refuses is
 * refused with Docker's message; a limit this host's kernel cannot enforce is discarded (set to
 * "none"), where Docker discards it with a warning; CPU shares are clamped and the swap limit
 * defaults to twice the memory limit.
 */
public final class ResourceRules {

    static final long MIN_MEMORY = 6L * 1024 * 1024;
    static final long MIN_CPU_SHARES = 2;
    static final long MAX_CPU_SHARES = 262144;

    private final CgroupHost host;

    public ResourceRules(CgroupHost host) {
        this.host = host;
    }

    /** The host config as this node applies it; INVALID_ARGUMENT with Docker's message for a bad value. */
    public HostConfig apply(HostConfig asked) {
        return apply(asked, false);
    }

    /**
     * The resources of a `docker update` (merged into the container's), as dockerd checks them for
     * an update: a swap limit without a memory limit is allowed, and no swap default is added.
     */
    public HostConfig applyUpdate(HostConfig merged) {
        return apply(merged, true);
    }

    private HostConfig apply(HostConfig asked, boolean update) {
        HostConfig.Builder r = asked.toBuilder();
        memory(r, update);
        cpu(r);
        cpuset(r);
        if (r.getBlkioWeight() > 0 && !host.blkioWeight()) {
            r.setBlkioWeight(0);
        }
        if (r.getBlkioWeight() > 0 && (r.getBlkioWeight() < 10 || r.getBlkioWeight() > 1000)) {
            throw BerthException.invalid("Range of blkio weight is from 10 to 1000");
        }
        // Docker stores 0 and negative pids limits as "no limit".
        if (r.hasPidsLimit() && (r.getPidsLimit() <= 0 || !host.pidsLimit())) {
            r.clearPidsLimit();
        }
        adapt(r, update);
        return r.build();
    }

    private void memory(HostConfig.Builder r, boolean update) {
        if (r.getMemory() != 0 && r.getMemory() < MIN_MEMORY) {
            throw BerthException.invalid("Minimum memory limit allowed is 6MB");
        }
        if (r.getMemory() > 0 && !host.memoryLimit()) {
            r.setMemory(0).setMemorySwap(-1);
        }
        if (r.getMemory() > 0 && r.getMemorySwap() != -1 && !host.swapLimit()) {
            r.setMemorySwap(-1);
        }
        if (r.getMemory() > 0 && r.getMemorySwap() > 0 && r.getMemorySwap() < r.getMemory()) {
            throw BerthException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (r.getMemory() == 0 && r.getMemorySwap() > 0 && !update) {
            throw BerthException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (r.getMemoryReservation() > 0 && !host.memoryReservation()) {
            r.setMemoryReservation(0);
        }
        if (r.getMemoryReservation() > 0 && r.getMemoryReservation() < MIN_MEMORY) {
            throw BerthException.invalid("Minimum memory reservation allowed is 6MB");
        }
        if (r.getMemory() > 0 && r.getMemoryReservation() > 0 && r.getMemory() < r.getMemoryReservation()) {
            throw BerthException.invalid(
                    "Minimum memory limit can not be less than memory reservation limit, see usage");
        }
    }

    private void cpu(HostConfig.Builder r) {
        if (r.getNanoCpus() > 0 && r.getCpuPeriod() > 0) {
            throw BerthException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (r.getNanoCpus() > 0 && r.getCpuQuota() > 0) {
            throw BerthException.invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        if (r.getNanoCpus() > 0 && !host.cpuCfs()) {
            throw BerthException.invalid("NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler"
                    + " or the cgroup is not mounted");
        }
        if (r.getNanoCpus() < 0 || r.getNanoCpus() > host.cpuCount() * 1_000_000_000L) {
            throw BerthException.invalid(String.format("Range of CPUs is from 0.01 to %d.00, as there are only %d CPUs"
                    + " available", host.cpuCount(), host.cpuCount()));
        }
        if (r.getCpuShares() > 0 && !host.cpuShares()) {
            r.setCpuShares(0);
        }
        if (r.getCpuPeriod() > 0 && !host.cpuCfs()) {
            r.setCpuPeriod(0);
        }
        if (r.getCpuPeriod() != 0 && (r.getCpuPeriod() < 1000 || r.getCpuPeriod() > 1_000_000)) {
            throw BerthException.invalid(
                    "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (r.getCpuQuota() > 0 && !host.cpuCfs()) {
            r.setCpuQuota(0);
        }
        if (r.getCpuQuota() > 0 && r.getCpuQuota() < 1000) {
            throw BerthException.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
    }

    private void cpuset(HostConfig.Builder r) {
        if ((!r.getCpusetCpus().isEmpty() || !r.getCpusetMems().isEmpty()) && !host.cpuset()) {
            r.setCpusetCpus("").setCpusetMems("");
            return;
        }
        checkAvailable(r.getCpusetCpus(), host.cpus(), "Invalid value %1$s for cpuset cpus: invalid format: %1$s",
                "Requested CPUs are not available - requested %s, available: %s");
        checkAvailable(r.getCpusetMems(), host.mems(), "Invalid value %1$s for cpuset mems: invalid format: %1$s",
                "Requested memory nodes are not available - requested %s, available: %s");
    }

    private static void checkAvailable(String requested, String available, String invalid, String unavailable) {
        BitSet wanted = CpuSetList.parse(requested);
        if (wanted == null) {
            throw BerthException.invalid(String.format(invalid, requested));
        }
        BitSet host = CpuSetList.parse(available);
        BitSet missing = (BitSet) wanted.clone();
        if (host != null) {
            missing.andNot(host);
        }
        if (host != null && !missing.isEmpty()) {
            throw BerthException.invalid(String.format(unavailable, requested, available));
        }
    }

    /**
     * Defaults and clamps applied after the checks (Docker's adaptContainerSettings). Shares are
     * clamped into the kernel's range as Docker clamps them for old clients; Docker 20.10 stores
     * them as given for current ones and runc then fails the start ("the minimum allowed
     * cpu-shares is 2"): a container that can start is the better answer.
     */
    private static void adapt(HostConfig.Builder r, boolean update) {
        if (r.getCpuShares() != 0 && r.getCpuShares() < MIN_CPU_SHARES) {
            r.setCpuShares(MIN_CPU_SHARES);
        } else if (r.getCpuShares() > MAX_CPU_SHARES) {
            r.setCpuShares(MAX_CPU_SHARES);
        }
        if (r.getMemory() > 0 && r.getMemorySwap() == 0 && !update) {
            r.setMemorySwap(r.getMemory() * 2);
        }
    }
}

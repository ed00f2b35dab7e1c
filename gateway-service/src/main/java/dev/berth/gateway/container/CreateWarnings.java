package dev.berth.gateway.container;

import dev.berth.proto.v1.HostConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's create warnings, for the limits the node discarded because its kernel cannot enforce
 * them (Docker discards them too, and warns with these words). A limit that was asked for and
 * comes back as "none" was discarded.
 */
final class CreateWarnings {

    private CreateWarnings() {
    }

    static List<String> of(HostConfig asked, HostConfig applied) {
        List<String> warnings = new ArrayList<>();
        if (asked.getMemory() > 0 && applied.getMemory() == 0) {
            warnings.add("Your kernel does not support memory limit capabilities or the cgroup is not mounted."
                    + " Limitation discarded.");
        } else if (asked.getMemory() > 0 && asked.getMemorySwap() != -1 && applied.getMemorySwap() == -1) {
            warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted."
                    + " Memory limited without swap.");
        }
        if (asked.getMemoryReservation() > 0 && applied.getMemoryReservation() == 0) {
            warnings.add("Your kernel does not support memory soft limit capabilities or the cgroup is not mounted."
                    + " Limitation discarded.");
        }
        if (asked.getCpuShares() > 0 && applied.getCpuShares() == 0) {
            warnings.add("Your kernel does not support CPU shares or the cgroup is not mounted. Shares discarded.");
        }
        if (asked.getCpuPeriod() > 0 && applied.getCpuPeriod() == 0) {
            warnings.add("Your kernel does not support CPU cfs period or the cgroup is not mounted. Period discarded.");
        }
        if (asked.getCpuQuota() > 0 && applied.getCpuQuota() == 0) {
            warnings.add("Your kernel does not support CPU cfs quota or the cgroup is not mounted. Quota discarded.");
        }
        if ((!asked.getCpusetCpus().isEmpty() || !asked.getCpusetMems().isEmpty())
                && applied.getCpusetCpus().isEmpty() && applied.getCpusetMems().isEmpty()) {
            warnings.add("Your kernel does not support cpuset or the cgroup is not mounted. Cpuset discarded.");
        }
        if (asked.hasPidsLimit() && asked.getPidsLimit() > 0 && !applied.hasPidsLimit()) {
            warnings.add("Your kernel does not support PIDs limit capabilities or the cgroup is not mounted."
                    + " PIDs limit discarded.");
        }
        if (asked.getBlkioWeight() > 0 && applied.getBlkioWeight() == 0) {
            warnings.add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
        }
        return warnings;
    }
}

package dev.berth.container.lifecycle;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.UpdateContainerRequest;

/**
 * `docker update`'s resources merged into the container's host config, as moby's
 * UpdateContainer merges them: a field given (non-zero) replaces the stored one; the node then
 * checks and adjusts the result as at create.
 */
final class ResourceChanges {

    private ResourceChanges() {
    }

    static HostConfig merge(String id, HostConfig current, UpdateContainerRequest update) {
        HostConfig.Builder next = current.toBuilder();
        if (update.hasMemory() && update.getMemory() != 0) {
            // dockerd's rule, to the letter: without a new swap limit the memory limit may not pass the
            // stored one, and that includes an unlimited container's 0 (give --memory-swap -1 with it).
            if (update.getMemory() > current.getMemorySwap()
                    && (!update.hasMemorySwap() || update.getMemorySwap() == 0)) {
                throw cannotUpdate(id, "Memory limit should be smaller than already set memoryswap limit,"
                        + " update the memoryswap at the same time");
            }
            next.setMemory(update.getMemory());
        }
        if (update.hasMemorySwap() && update.getMemorySwap() != 0) {
            next.setMemorySwap(update.getMemorySwap());
        }
        if (update.hasMemoryReservation() && update.getMemoryReservation() != 0) {
            next.setMemoryReservation(update.getMemoryReservation());
        }
        if (update.hasNanoCpus() && update.getNanoCpus() > 0 && current.getCpuPeriod() > 0) {
            throw cannotUpdate(id, "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        }
        if (update.hasNanoCpus() && update.getNanoCpus() > 0 && current.getCpuQuota() > 0) {
            throw cannotUpdate(id, "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        }
        if (update.hasNanoCpus() && update.getNanoCpus() != 0) {
            next.setNanoCpus(update.getNanoCpus());
        }
        if (update.hasCpuQuota() && update.getCpuQuota() != 0) {
            if (update.getCpuQuota() > 0 && current.getNanoCpus() > 0) {
                throw cannotUpdate(id, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
            }
            next.setCpuQuota(update.getCpuQuota());
        }
        if (update.hasCpuPeriod() && update.getCpuPeriod() != 0) {
            if (update.getCpuPeriod() > 0 && current.getNanoCpus() > 0) {
                throw cannotUpdate(id, "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
            }
            next.setCpuPeriod(update.getCpuPeriod());
        }
        if (update.hasCpuShares() && update.getCpuShares() != 0) {
            next.setCpuShares(update.getCpuShares());
        }
        if (update.hasCpusetCpus() && !update.getCpusetCpus().isEmpty()) {
            next.setCpusetCpus(update.getCpusetCpus());
        }
        if (update.hasCpusetMems() && !update.getCpusetMems().isEmpty()) {
            next.setCpusetMems(update.getCpusetMems());
        }
        if (update.hasBlkioWeight() && update.getBlkioWeight() != 0) {
            next.setBlkioWeight(update.getBlkioWeight());
        }
        if (update.hasPidsLimit()) {
            // As at create, 0 and negative mean "no limit"; the CLI sends nothing when not asked.
            if (update.getPidsLimit() <= 0) {
                next.clearPidsLimit();
            } else {
                next.setPidsLimit(update.getPidsLimit());
            }
        }
        return next.build();
    }

    /** dockerd's conflictingUpdateOptions: a 409. */
    private static BerthException cannotUpdate(String id, String why) {
        return BerthException.precondition("Cannot update container " + id + ": " + why);
    }
}

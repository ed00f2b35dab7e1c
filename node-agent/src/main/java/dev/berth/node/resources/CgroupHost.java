package dev.berth.node.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this host's cgroups (v1) can enforce, read once from the controllers' files, as Docker's
 * sysinfo reads them. A controller or file that is missing means the kernel cannot apply that limit.
 */
public record CgroupHost(boolean memoryLimit, boolean swapLimit, boolean memoryReservation, boolean cpuShares,
                         boolean cpuCfs, boolean cpuset, boolean pidsLimit, boolean blkioWeight, int cpuCount,
                         String cpus, String mems) {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    public static CgroupHost read() {
        return read(ROOT, Runtime.getRuntime().availableProcessors());
    }

    static CgroupHost read(Path root, int cpuCount) {
        Path memory = root.resolve("memory");
        Path cpu = root.resolve("cpu");
        Path cpuset = root.resolve("cpuset");
        Path blkio = root.resolve("blkio");
        return new CgroupHost(
                Files.exists(memory.resolve("memory.limit_in_bytes")),
                Files.exists(memory.resolve("memory.memsw.limit_in_bytes")),
                Files.exists(memory.resolve("memory.soft_limit_in_bytes")),
                Files.exists(cpu.resolve("cpu.shares")),
                Files.exists(cpu.resolve("cpu.cfs_quota_us")) && Files.exists(cpu.resolve("cpu.cfs_period_us")),
                Files.exists(cpuset.resolve("cpuset.cpus")),
                Files.exists(root.resolve("pids")),
                Files.exists(blkio.resolve("blkio.weight")) || Files.exists(blkio.resolve("blkio.bfq.weight")),
                cpuCount,
                firstLine(cpuset.resolve("cpuset.cpus")),
                firstLine(cpuset.resolve("cpuset.mems")));
    }

    private static String firstLine(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}

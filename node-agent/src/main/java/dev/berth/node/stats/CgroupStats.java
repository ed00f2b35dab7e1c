package dev.berth.node.stats;

import dev.berth.node.resources.CgroupLayout;
import dev.berth.proto.v1.BlkioEntry;
import dev.berth.proto.v1.BlkioStats;
import dev.berth.proto.v1.CpuStats;
import dev.berth.proto.v1.MemoryStats;
import dev.berth.proto.v1.PidsStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A container's figures from its cgroup files, as Docker's stats collector reads them: v1's
 * cpuacct, cpu, memory, pids and blkio controllers, or v2's unified files. A controller whose
 * directory is missing gives an absent part (null).
 */
final class CgroupStats {

    private final CgroupLayout layout;
    /** The host's memory: an unlimited cgroup reports this limit (Docker's rule). */
    private final long hostMemory;

    CgroupStats(CgroupLayout layout, long hostMemory) {
        this.layout = layout;
        this.hostMemory = hostMemory;
    }

    CpuStats cpu(String id, long systemUsage, int onlineCpus) {
        CpuStats.Builder cpu = CpuStats.newBuilder().setSystemCpuUsage(systemUsage).setOnlineCpus(onlineCpus);
        if (layout.unified()) {
            Map<String, Long> stat = CgroupFiles.table(layout.dir("", id).resolve("cpu.stat"));
            if (stat.isEmpty()) {
                return null;
            }
            return cpu.setTotalUsage(stat.getOrDefault("usage_usec", 0L) * 1000)
                    .setUsageInUsermode(stat.getOrDefault("user_usec", 0L) * 1000)
                    .setUsageInKernelmode(stat.getOrDefault("system_usec", 0L) * 1000)
                    .setThrottlingPeriods(stat.getOrDefault("nr_periods", 0L))
                    .setThrottledPeriods(stat.getOrDefault("nr_throttled", 0L))
                    .setThrottledTime(stat.getOrDefault("throttled_usec", 0L) * 1000).build();
        }
        Path acct = layout.dir("cpuacct", id);
        OptionalLong total = CgroupFiles.number(acct.resolve("cpuacct.usage"));
        if (total.isEmpty()) {
            return null;
        }
        cpu.setTotalUsage(total.getAsLong());
        String percpu = CgroupFiles.read(acct.resolve("cpuacct.usage_percpu"));
        if (percpu != null) {
            cpu.addAllPercpuUsage(CgroupFiles.parseList(percpu));
        }
        Map<String, Long> times = CgroupFiles.table(acct.resolve("cpuacct.stat"));
        cpu.setUsageInUsermode(SystemCpu.ticksToNanos(times.getOrDefault("user", 0L)))
                .setUsageInKernelmode(SystemCpu.ticksToNanos(times.getOrDefault("system", 0L)));
        Map<String, Long> throttling = CgroupFiles.table(layout.dir("cpu", id).resolve("cpu.stat"));
        return cpu.setThrottlingPeriods(throttling.getOrDefault("nr_periods", 0L))
                .setThrottledPeriods(throttling.getOrDefault("nr_throttled", 0L))
                .setThrottledTime(throttling.getOrDefault("throttled_time", 0L)).build();
    }

    MemoryStats memory(String id) {
        Path dir = layout.dir("memory", id);
        String usageFile = layout.unified() ? "memory.current" : "memory.usage_in_bytes";
        OptionalLong usage = CgroupFiles.number(dir.resolve(usageFile));
        if (usage.isEmpty()) {
            return null;
        }
        MemoryStats.Builder memory = MemoryStats.newBuilder().setUsage(usage.getAsLong())
                .putAllStats(dockerKeys(CgroupFiles.table(dir.resolve("memory.stat")),
                        layout.unified() ? V2_MEMORY_KEYS : V1_MEMORY_KEYS));
        OptionalLong limit = CgroupFiles.number(dir.resolve(layout.unified() ? "memory.max" : "memory.limit_in_bytes"));
        memory.setLimit(capLimit(limit, hostMemory));
        if (!layout.unified()) {
            CgroupFiles.number(dir.resolve("memory.max_usage_in_bytes")).ifPresent(memory::setMaxUsage);
            CgroupFiles.number(dir.resolve("memory.failcnt")).ifPresent(memory::setFailcnt);
        } else {
            // v2 has no failure counter: Docker reports the OOM kills of memory.events.
            Long oom = CgroupFiles.table(dir.resolve("memory.events")).get("oom");
            if (oom != null) {
                memory.setFailcnt(oom);
            }
        }
        return memory.build();
    }

    /** The memory.stat entries Docker reports (containerd's v1 and v2 metrics), those the kernel has. */
    static final List<String> V1_MEMORY_KEYS = List.of("cache", "rss", "rss_huge", "mapped_file", "dirty",
            "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault", "inactive_anon", "active_anon",
            "inactive_file", "active_file", "unevictable", "hierarchical_memory_limit", "hierarchical_memsw_limit",
            "total_cache", "total_rss", "total_rss_huge", "total_mapped_file", "total_dirty", "total_writeback",
            "total_pgpgin", "total_pgpgout", "total_pgfault", "total_pgmajfault", "total_inactive_anon",
            "total_active_anon", "total_inactive_file", "total_active_file", "total_unevictable");
    static final List<String> V2_MEMORY_KEYS = List.of("anon", "file", "kernel_stack", "slab", "sock", "shmem",
            "file_mapped", "file_dirty", "file_writeback", "anon_thp", "inactive_anon", "active_anon",
            "inactive_file", "active_file", "unevictable", "slab_reclaimable", "slab_unreclaimable", "pgfault",
            "pgmajfault", "workingset_refault", "workingset_activate", "workingset_nodereclaim", "pgrefill", "pgscan",
            "pgsteal", "pgactivate", "pgdeactivate", "pglazyfree", "pglazyfreed", "thp_fault_alloc",
            "thp_collapse_alloc");

    static Map<String, Long> dockerKeys(Map<String, Long> stat, List<String> keys) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            Long value = stat.get(key);
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    /** No limit ("max", or v1's huge page-rounded figure) is reported as the host's memory. */
    static long capLimit(OptionalLong limit, long hostMemory) {
        if (limit.isEmpty()) {
            return hostMemory;
        }
        long value = limit.getAsLong();
        return hostMemory > 0 && (value < 0 || value > hostMemory) ? hostMemory : value;
    }

    PidsStats pids(String id) {
        Path dir = layout.dir("pids", id);
        OptionalLong current = CgroupFiles.number(dir.resolve("pids.current"));
        if (current.isEmpty()) {
            return null;
        }
        PidsStats.Builder pids = PidsStats.newBuilder().setCurrent(current.getAsLong());
        CgroupFiles.number(dir.resolve("pids.max")).ifPresent(pids::setLimit);
        return pids.build();
    }

    BlkioStats blkio(String id) {
        if (layout.unified()) {
            String text = CgroupFiles.read(layout.dir("", id).resolve("io.stat"));
            return text == null ? null : parseIoStat(text);
        }
        Path dir = layout.dir("blkio", id);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        return BlkioStats.newBuilder()
                .addAllIoServiceBytesRecursive(v1Entries(dir, "io_service_bytes_recursive"))
                .addAllIoServicedRecursive(v1Entries(dir, "io_serviced_recursive")).build();
    }

    /** The CFQ file when it has figures, else the throttle one (containerd's choice). */
    private static List<BlkioEntry> v1Entries(Path dir, String name) {
        List<BlkioEntry> cfq = parseBlkioV1(CgroupFiles.read(dir.resolve("blkio." + name)));
        return !cfq.isEmpty() ? cfq : parseBlkioV1(CgroupFiles.read(dir.resolve("blkio.throttle." + name)));
    }

    /** Lines "8:0 Read 4096"; the closing "Total N" line has no device and is left out. */
    static List<BlkioEntry> parseBlkioV1(String text) {
        List<BlkioEntry> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || !f[0].contains(":")) {
                continue;
            }
            String[] device = f[0].split(":");
            out.add(BlkioEntry.newBuilder().setMajor(Long.parseLong(device[0])).setMinor(Long.parseLong(device[1]))
                    .setOp(f[1]).setValue(Long.parseUnsignedLong(f[2])).build());
        }
        return out;
    }

    /** v2 "8:0 rbytes=1 wbytes=2 rios=3 wios=4 ...": bytes and counts as Docker's "read"/"write" entries. */
    static BlkioStats parseIoStat(String text) {
        BlkioStats.Builder out = BlkioStats.newBuilder();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            String[] device = f[0].split(":");
            long major = Long.parseLong(device[0]);
            long minor = Long.parseLong(device[1]);
            Map<String, Long> values = new java.util.HashMap<>();
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=", 2);
                if (kv.length == 2) {
                    CgroupFiles.parseNumber(kv[1]).ifPresent(v -> values.put(kv[0], v));
                }
            }
            entry(values, "rbytes", major, minor, "read").ifPresent(out::addIoServiceBytesRecursive);
            entry(values, "wbytes", major, minor, "write").ifPresent(out::addIoServiceBytesRecursive);
            entry(values, "rios", major, minor, "read").ifPresent(out::addIoServicedRecursive);
            entry(values, "wios", major, minor, "write").ifPresent(out::addIoServicedRecursive);
        }
        return out.build();
    }

    private static java.util.Optional<BlkioEntry> entry(Map<String, Long> values, String key, long major,
                                                        long minor, String op) {
        Long value = values.get(key);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(BlkioEntry.newBuilder()
                .setMajor(major).setMinor(minor).setOp(op).setValue(value).build());
    }
}

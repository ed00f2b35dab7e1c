package dev.berth.gateway.stats;

import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.BlkioEntry;
import dev.berth.proto.v1.CpuStats;
import dev.berth.proto.v1.MemoryStats;
import dev.berth.proto.v1.NetworkStats;
import dev.berth.proto.v1.PidsStats;
import dev.berth.proto.v1.StatsSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's samples as Docker's stats JSON (moby's StatsJSON): the sample, and the one before it
 * as {@code precpu_stats}/{@code preread} so that the client computes the CPU percentage. Parts
 * the node could not read are absent, as Docker omits empty ones.
 */
final class StatsViews {

    /** Docker's empty StatsJSON of a container without a process: no sample at all. */
    static final StatsSample NONE = StatsSample.getDefaultInstance();

    private StatsViews() {
    }

    static Map<String, Object> of(String name, String id, StatsSample sample, StatsSample previous) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("read", DockerTime.rfc3339Nano(sample.hasRead(), sample.getRead()));
        out.put("preread", DockerTime.rfc3339Nano(previous.hasRead(), previous.getRead()));
        out.put("pids_stats", pids(sample));
        out.put("blkio_stats", blkio(sample));
        out.put("cpu_stats", cpu(sample.getCpu()));
        out.put("precpu_stats", cpu(previous.getCpu()));
        out.put("memory_stats", memory(sample));
        out.put("name", "/" + name);
        out.put("id", id);
        if (sample.getNetworksCount() > 0) {
            Map<String, Object> networks = new TreeMap<>();
            sample.getNetworksMap().forEach((iface, n) -> networks.put(iface, network(n)));
            out.put("networks", networks);
        }
        return out;
    }

    private static Map<String, Object> pids(StatsSample sample) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (sample.hasPids()) {
            PidsStats pids = sample.getPids();
            out.put("current", pids.getCurrent());
            if (pids.hasLimit()) {
                out.put("limit", pids.getLimit());
            }
        }
        return out;
    }

    private static Map<String, Object> blkio(StatsSample sample) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (sample.hasBlkio()) {
            out.put("io_service_bytes_recursive", entries(sample.getBlkio().getIoServiceBytesRecursiveList()));
            out.put("io_serviced_recursive", entries(sample.getBlkio().getIoServicedRecursiveList()));
        }
        return out;
    }

    private static List<Map<String, Object>> entries(List<BlkioEntry> entries) {
        return entries.stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("major", e.getMajor());
            out.put("minor", e.getMinor());
            out.put("op", e.getOp());
            out.put("value", e.getValue());
            return out;
        }).toList();
    }

    /** An absent sample is Docker's zero CPU stats (what precpu_stats holds before a first sample). */
    static Map<String, Object> cpu(CpuStats cpu) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", cpu.getTotalUsage());
        if (cpu.getPercpuUsageCount() > 0) {
            usage.put("percpu_usage", cpu.getPercpuUsageList());
        }
        usage.put("usage_in_kernelmode", cpu.getUsageInKernelmode());
        usage.put("usage_in_usermode", cpu.getUsageInUsermode());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpu_usage", usage);
        if (cpu.getSystemCpuUsage() > 0) {
            out.put("system_cpu_usage", cpu.getSystemCpuUsage());
        }
        if (cpu.getOnlineCpus() > 0) {
            out.put("online_cpus", cpu.getOnlineCpus());
        }
        Map<String, Object> throttling = new LinkedHashMap<>();
        throttling.put("periods", cpu.getThrottlingPeriods());
        throttling.put("throttled_periods", cpu.getThrottledPeriods());
        throttling.put("throttled_time", cpu.getThrottledTime());
        out.put("throttling_data", throttling);
        return out;
    }

    private static Map<String, Object> memory(StatsSample sample) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!sample.hasMemory()) {
            return out;
        }
        MemoryStats memory = sample.getMemory();
        out.put("usage", memory.getUsage());
        // Docker omits zero figures (omitempty).
        if (memory.getMaxUsage() > 0) {
            out.put("max_usage", memory.getMaxUsage());
        }
        if (memory.getStatsCount() > 0) {
            out.put("stats", new TreeMap<>(memory.getStatsMap()));
        }
        if (memory.getFailcnt() > 0) {
            out.put("failcnt", memory.getFailcnt());
        }
        out.put("limit", memory.getLimit());
        return out;
    }

    private static Map<String, Object> network(NetworkStats n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rx_bytes", n.getRxBytes());
        out.put("rx_packets", n.getRxPackets());
        out.put("rx_errors", n.getRxErrors());
        out.put("rx_dropped", n.getRxDropped());
        out.put("tx_bytes", n.getTxBytes());
        out.put("tx_packets", n.getTxPackets());
        out.put("tx_errors", n.getTxErrors());
        out.put("tx_dropped", n.getTxDropped());
        return out;
    }
}

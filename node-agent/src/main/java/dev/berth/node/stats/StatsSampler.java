package dev.berth.node.stats;

import dev.berth.common.time.ProtoTimes;
import dev.berth.common.error.BerthException;
import dev.berth.node.resources.CgroupLayout;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerStore;
import dev.berth.proto.v1.BlkioStats;
import dev.berth.proto.v1.CpuStats;
import dev.berth.proto.v1.MemoryStats;
import dev.berth.proto.v1.PidsStats;
import dev.berth.proto.v1.StatsSample;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** One `docker stats` sample of a running container: its cgroup's figures, the host's CPU time, its network. */
@Component
public class StatsSampler {

    private final ContainerStore store;
    private final CgroupStats cgroups = new CgroupStats(CgroupLayout.detect(), hostMemory());

    StatsSampler(ContainerStore store) {
        this.store = store;
    }

    public StatsSample sample(String id) {
        Container container = store.get(id);
        int pid = container.state().pid();
        if (!container.state().isRunning() || pid <= 0) {
            throw BerthException.precondition("Container " + id + " is not running");
        }
        StatsSample.Builder sample = StatsSample.newBuilder();
        CpuStats cpu = cgroups.cpu(id, SystemCpu.usageNanos(), Runtime.getRuntime().availableProcessors());
        if (cpu != null) {
            sample.setCpu(cpu);
        }
        MemoryStats memory = cgroups.memory(id);
        if (memory != null) {
            sample.setMemory(memory);
        }
        PidsStats pids = cgroups.pids(id);
        if (pids != null) {
            sample.setPids(pids);
        }
        BlkioStats blkio = cgroups.blkio(id);
        if (blkio != null) {
            sample.setBlkio(blkio);
        }
        sample.putAllNetworks(NetDev.of(pid));
        return sample.setRead(ProtoTimes.timestamp(Instant.now())).build();
    }

    /** MemTotal of /proc/meminfo in bytes; 0 when unknown. */
    static long hostMemory() {
        String text = CgroupFiles.read(Path.of("/proc/meminfo"));
        return text == null ? 0 : parseMemTotal(text);
    }

    static long parseMemTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
                return Long.parseLong(f[0]) * 1024;
            }
        }
        return 0;
    }

}

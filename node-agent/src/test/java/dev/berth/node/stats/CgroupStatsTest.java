package dev.berth.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.resources.CgroupLayout;
import dev.berth.proto.v1.BlkioEntry;
import dev.berth.proto.v1.BlkioStats;
import dev.berth.proto.v1.CpuStats;
import dev.berth.proto.v1.MemoryStats;
import dev.berth.proto.v1.PidsStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupStatsTest {

    private static final String ID = "c1";
    private static final long HOST_MEMORY = 8L << 30;

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CgroupStats v1() {
        return new CgroupStats(new CgroupLayout(root, false), HOST_MEMORY);
    }

    private CgroupStats v2() {
        return new CgroupStats(new CgroupLayout(root, true), HOST_MEMORY);
    }

    @Test
    void cpu_v1_fromCpuacctAndCpuStat() throws IOException {
        write("cpuacct/berth/c1/cpuacct.usage", "314532110\n");
        write("cpuacct/berth/c1/cpuacct.usage_percpu", "109742103 204790007 \n");
        write("cpuacct/berth/c1/cpuacct.stat", "user 4\nsystem 27\n");
        write("cpu/berth/c1/cpu.stat", "nr_periods 10\nnr_throttled 3\nthrottled_time 5000\n");

        CpuStats cpu = v1().cpu(ID, 123, 2);

        assertThat(cpu).isEqualTo(CpuStats.newBuilder().setTotalUsage(314532110)
                .addPercpuUsage(109742103).addPercpuUsage(204790007)
                .setUsageInUsermode(40_000_000).setUsageInKernelmode(270_000_000)
                .setSystemCpuUsage(123).setOnlineCpus(2)
                .setThrottlingPeriods(10).setThrottledPeriods(3).setThrottledTime(5000).build());
    }

    @Test
    void cpu_v2_fromCpuStatInMicroseconds() throws IOException {
        write("berth/c1/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\n"
                + "nr_throttled 0\nthrottled_usec 0\n");

        CpuStats cpu = v2().cpu(ID, 9, 4);

        assertThat(cpu.getTotalUsage()).isEqualTo(1_500_000);
        assertThat(cpu.getUsageInUsermode()).isEqualTo(1_000_000);
        assertThat(cpu.getUsageInKernelmode()).isEqualTo(500_000);
        assertThat(cpu.getPercpuUsageList()).isEmpty();
    }

    @Test
    void cpu_withoutController_isAbsent() {
        assertThat(v1().cpu(ID, 1, 1)).isNull();
    }

    @Test
    void memory_v1_usageLimitMaxFailcntAndStat() throws IOException {
        write("memory/berth/c1/memory.usage_in_bytes", "598016\n");
        write("memory/berth/c1/memory.limit_in_bytes", "67108864\n");
        write("memory/berth/c1/memory.max_usage_in_bytes", "2523136\n");
        write("memory/berth/c1/memory.failcnt", "0\n");
        write("memory/berth/c1/memory.stat", "cache 12288\nrss 61440\nswap 0\ntotal_inactive_file 4096\n");

        MemoryStats memory = v1().memory(ID);

        assertThat(memory).isEqualTo(MemoryStats.newBuilder().setUsage(598016).setLimit(67108864)
                .setMaxUsage(2523136).setFailcnt(0)
                .putStats("cache", 12288).putStats("rss", 61440).putStats("total_inactive_file", 4096).build());
    }

    @Test
    void memory_v1_unlimited_reportsTheHostsMemory() throws IOException {
        write("memory/berth/c1/memory.usage_in_bytes", "1\n");
        write("memory/berth/c1/memory.limit_in_bytes", "9223372036854771712\n");

        assertThat(v1().memory(ID).getLimit()).isEqualTo(HOST_MEMORY);
    }

    @Test
    void memory_v2_maxIsTheHostsMemory_noV1Fields() throws IOException {
        write("berth/c1/memory.current", "4096\n");
        write("berth/c1/memory.max", "max\n");
        write("berth/c1/memory.stat", "anon 100\ninactive_file 20\nzswap 3\n");
        write("berth/c1/memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 1\n");

        MemoryStats memory = v2().memory(ID);

        assertThat(memory.getUsage()).isEqualTo(4096);
        assertThat(memory.getLimit()).isEqualTo(HOST_MEMORY);
        assertThat(memory.hasMaxUsage()).isFalse();
        assertThat(memory.getStatsMap()).containsOnly(java.util.Map.entry("anon", 100L),
                java.util.Map.entry("inactive_file", 20L));
        assertThat(memory.getFailcnt()).isEqualTo(2);
    }

    @Test
    void capLimit_belowTheHost_isKept() {
        assertThat(CgroupStats.capLimit(OptionalLong.of(1024), HOST_MEMORY)).isEqualTo(1024);
    }

    @Test
    void pids_currentAndLimit_maxIsNoLimit() throws IOException {
        write("pids/berth/c1/pids.current", "3\n");
        write("pids/berth/c1/pids.max", "max\n");

        assertThat(v1().pids(ID)).isEqualTo(PidsStats.newBuilder().setCurrent(3).build());

        write("pids/berth/c1/pids.max", "50\n");
        assertThat(v1().pids(ID)).isEqualTo(PidsStats.newBuilder().setCurrent(3).setLimit(50).build());
    }

    @Test
    void blkio_v1_throttleFileWhenTheCfqOneIsEmpty_totalLeftOut() throws IOException {
        write("blkio/berth/c1/blkio.io_service_bytes_recursive", "Total 0\n");
        write("blkio/berth/c1/blkio.throttle.io_service_bytes_recursive",
                "8:0 Read 4096\n8:0 Write 8192\n8:0 Total 12288\nTotal 12288\n");

        BlkioStats blkio = v1().blkio(ID);

        assertThat(blkio.getIoServiceBytesRecursiveList()).containsExactly(
                entry("Read", 4096), entry("Write", 8192), entry("Total", 12288));
        assertThat(blkio.getIoServicedRecursiveList()).isEmpty();
    }

    @Test
    void blkio_v2_ioStatAsReadAndWrite() {
        BlkioStats blkio = CgroupStats.parseIoStat("8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");

        assertThat(blkio.getIoServiceBytesRecursiveList()).containsExactly(entry("read", 4096), entry("write", 8192));
        assertThat(blkio.getIoServicedRecursiveList()).containsExactly(entry("read", 1), entry("write", 2));
    }

    private static BlkioEntry entry(String op, long value) {
        return BlkioEntry.newBuilder().setMajor(8).setMinor(0).setOp(op).setValue(value).build();
    }

    @Test
    void parseMemTotal_inBytes() {
        assertThat(StatsSampler.parseMemTotal("MemTotal:        8041288 kB\nMemFree: 1 kB\n")).isEqualTo(8041288L * 1024);
    }
}

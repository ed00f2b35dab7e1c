package dev.berth.gateway.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.common.time.ProtoTimes;
import dev.berth.proto.v1.CpuStats;
import dev.berth.proto.v1.MemoryStats;
import dev.berth.proto.v1.NetworkStats;
import dev.berth.proto.v1.PidsStats;
import dev.berth.proto.v1.StatsSample;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StatsViewsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final StatsSample FIRST = StatsSample.newBuilder()
            .setRead(ProtoTimes.timestamp(Instant.parse("2026-01-02T03:04:05.5Z")))
            .setCpu(CpuStats.newBuilder().setTotalUsage(100).addPercpuUsage(60).addPercpuUsage(40)
                    .setUsageInKernelmode(30).setUsageInUsermode(70).setSystemCpuUsage(5000).setOnlineCpus(2))
            .build();

    private static final StatsSample SECOND = StatsSample.newBuilder()
            .setRead(ProtoTimes.timestamp(Instant.parse("2026-01-02T03:04:06.5Z")))
            .setCpu(CpuStats.newBuilder().setTotalUsage(300).setSystemCpuUsage(7000).setOnlineCpus(2))
            .setMemory(MemoryStats.newBuilder().setUsage(4096).setLimit(67108864).setMaxUsage(8192).setFailcnt(0)
                    .putStats("total_inactive_file", 1024))
            .setPids(PidsStats.newBuilder().setCurrent(2))
            .putNetworks("eth0", NetworkStats.newBuilder().setRxBytes(10).setTxBytes(20).build())
            .build();

    @Test
    void of_sampleWithItsPredecessor_isDockersShape() {
        String json = JSON.writeValueAsString(StatsViews.of("web", "abc", SECOND, FIRST));

        assertThat(json).isEqualTo("{\"read\":\"2026-01-02T03:04:06.5Z\",\"preread\":\"2026-01-02T03:04:05.5Z\","
                + "\"pids_stats\":{\"current\":2},\"blkio_stats\":{},"
                + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":300,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"system_cpu_usage\":7000,\"online_cpus\":2,"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":100,\"percpu_usage\":[60,40],"
                + "\"usage_in_kernelmode\":30,\"usage_in_usermode\":70},\"system_cpu_usage\":5000,\"online_cpus\":2,"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"memory_stats\":{\"usage\":4096,\"max_usage\":8192,\"stats\":{\"total_inactive_file\":1024},"
                + "\"limit\":67108864},\"name\":\"/web\",\"id\":\"abc\","
                + "\"networks\":{\"eth0\":{\"rx_bytes\":10,\"rx_packets\":0,\"rx_errors\":0,\"rx_dropped\":0,"
                + "\"tx_bytes\":20,\"tx_packets\":0,\"tx_errors\":0,\"tx_dropped\":0}}}");
    }

    @Test
    void of_noSample_isDockersEmptyStats() {
        String json = JSON.writeValueAsString(StatsViews.of("web", "abc", StatsViews.NONE, StatsViews.NONE));

        assertThat(json).isEqualTo("{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\","
                + "\"pids_stats\":{},\"blkio_stats\":{},"
                + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"memory_stats\":{},\"name\":\"/web\",\"id\":\"abc\"}");
    }
}

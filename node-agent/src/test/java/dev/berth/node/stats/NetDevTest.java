package dev.berth.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.proto.v1.NetworkStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetDevTest {

    private static final String NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:    1234      10    0    0    0     0          0         0     1234      10    0    0    0     0       0          0
              eth0: 5000000    4000    1    2    0     0          0         3   600000     700    4    5    0     0       0          0
            """;

    @Test
    void parse_interfacesButTheLoopback_inDockersFields() {
        Map<String, NetworkStats> parsed = NetDev.parse(NET_DEV);

        assertThat(parsed).containsOnlyKeys("eth0");
        assertThat(parsed.get("eth0")).isEqualTo(NetworkStats.newBuilder().setRxBytes(5_000_000).setRxPackets(4000)
                .setRxErrors(1).setRxDropped(2).setTxBytes(600_000).setTxPackets(700).setTxErrors(4).setTxDropped(5)
                .build());
    }

    @Test
    void parse_onlyLoopback_isEmpty() {
        assertThat(NetDev.parse(NET_DEV.lines().filter(l -> !l.contains("eth0")).reduce("", (a, b) -> a + b + "\n")))
                .isEmpty();
    }
}

package dev.berth.node.stats;

import dev.berth.proto.v1.NetworkStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's network counters from /proc/PID/net/dev, only when the container has a network
 * namespace of its own: with the host's network its figures would be the host's. The loopback
 * is left out, as Docker reports only the container's endpoints.
 */
final class NetDev {

    private NetDev() {
    }

    static Map<String, NetworkStats> of(int pid) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        try {
            Path own = Files.readSymbolicLink(proc.resolve("ns/net"));
            Path node = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            if (own.equals(node)) {
                return Map.of();
            }
            return parse(Files.readString(proc.resolve("net/dev")));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Lines "  eth0: rx_bytes rx_packets rx_errs rx_drop fifo frame compressed multicast tx_bytes ...". */
    static Map<String, NetworkStats> parse(String text) {
        Map<String, NetworkStats> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (name.equals("lo") || f.length < 12) {
                continue;
            }
            out.put(name, NetworkStats.newBuilder()
                    .setRxBytes(Long.parseUnsignedLong(f[0])).setRxPackets(Long.parseUnsignedLong(f[1]))
                    .setRxErrors(Long.parseUnsignedLong(f[2])).setRxDropped(Long.parseUnsignedLong(f[3]))
                    .setTxBytes(Long.parseUnsignedLong(f[8])).setTxPackets(Long.parseUnsignedLong(f[9]))
                    .setTxErrors(Long.parseUnsignedLong(f[10])).setTxDropped(Long.parseUnsignedLong(f[11]))
                    .build());
        }
        return out;
    }
}

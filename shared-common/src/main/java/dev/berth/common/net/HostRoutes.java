package dev.berth.common.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The destinations of the host's IPv4 routes (/proc/net/route), the default route left out. */
public final class HostRoutes {

    private HostRoutes() {
    }

    public static List<Ipv4Subnet> read() {
        try {
            return parse(Files.readString(Path.of("/proc/net/route")));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lines of "Iface Destination Gateway Flags RefCnt Use Metric Mask ...", addresses in little-endian hex. */
    public static List<Ipv4Subnet> parse(String table) {
        List<Ipv4Subnet> out = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8 || fields[0].equals("Iface")) {
                continue;
            }
            long mask = littleEndian(fields[7]);
            if (mask == 0) {
                continue;
            }
            out.add(new Ipv4Subnet(littleEndian(fields[1]), Long.bitCount(mask)));
        }
        return out;
    }

    private static long littleEndian(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xFF) << 24 | (value >> 8 & 0xFF) << 16 | (value >> 16 & 0xFF) << 8 | (value >> 24 & 0xFF);
    }
}

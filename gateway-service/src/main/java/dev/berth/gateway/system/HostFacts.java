package dev.berth.gateway.system;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Facts about the host the gateway reports in /version and /info, read once from /proc and /etc. */
@Component
class HostFacts {

    private final String kernelVersion = readFirstLine("/proc/sys/kernel/osrelease", "unknown");
    private final String hostname = readFirstLine("/proc/sys/kernel/hostname", "localhost");
    private final String operatingSystem = osRelease("PRETTY_NAME", "Linux");
    private final String osVersion = osRelease("VERSION_ID", "");
    private final long memTotal = memTotalBytes();

    String kernelVersion() {
        return kernelVersion;
    }

    String hostname() {
        return hostname;
    }

    String operatingSystem() {
        return operatingSystem;
    }

    /** VERSION_ID of /etc/os-release; empty when it has none. */
    String osVersion() {
        return osVersion;
    }

    /** The CPU architecture as Go names it (GOARCH), which /version reports. */
    String goArch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") ? "arm64" : arch;
    }

    /** The machine as uname -m names it, which /info reports. */
    String machine() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    long memTotal() {
        return memTotal;
    }

    /** Read at each call: an administrator may switch it while the engine runs. */
    boolean ipv4Forwarding() {
        return readFirstLine("/proc/sys/net/ipv4/ip_forward", "0").equals("1");
    }

    int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Stable per host, like dockerd's engine ID. */
    String engineId() {
        return UUID.nameUUIDFromBytes(("berth:" + hostname).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String readFirstLine(String file, String fallback) {
        try {
            return Files.readAllLines(Path.of(file)).stream().findFirst().map(String::trim).orElse(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    private static String osRelease(String key, String fallback) {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(l -> l.startsWith(key + "="))
                    .map(l -> l.substring(key.length() + 1).replace("\"", ""))
                    .findFirst().orElse(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    private static long memTotalBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}

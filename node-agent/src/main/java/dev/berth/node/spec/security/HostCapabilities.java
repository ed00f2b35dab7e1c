package dev.berth.node.spec.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities this node can hand out: its own bounding set (CapBnd of /proc/self/status).
 * A privileged container gets exactly these; asking runc for one outside it fails the start
 * (Docker 20.10, which asks for every capability the kernel knows, fails so on hosts like this).
 */
public final class HostCapabilities {

    private final long mask;

    private HostCapabilities(long mask) {
        this.mask = mask;
    }

    public static HostCapabilities ofMask(long mask) {
        return new HostCapabilities(mask);
    }

    /** Read once per call; a node whose status cannot be read falls back to Docker's default set. */
    public static HostCapabilities read() {
        return read(Path.of("/proc/self/status"));
    }

    static HostCapabilities read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapBnd:")) {
                    return ofMask(Long.parseUnsignedLong(line.substring("CapBnd:".length()).trim(), 16));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back below
        }
        long fallback = 0;
        for (String name : CapabilityNames.DOCKER_DEFAULT) {
            fallback |= 1L << CapabilityNames.number(name);
        }
        return ofMask(fallback);
    }

    public boolean has(String name) {
        int number = CapabilityNames.number(name);
        return number >= 0 && (mask & (1L << number)) != 0;
    }

    /** The names of the set, by number; capabilities newer than the names known are left out. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int n = 0; n < 64; n++) {
            String name = CapabilityNames.name(n);
            if ((mask & (1L << n)) != 0 && name != null) {
                names.add(name);
            }
        }
        return names;
    }

    public long mask() {
        return mask;
    }
}

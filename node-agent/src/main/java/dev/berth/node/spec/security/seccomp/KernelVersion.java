package dev.berth.node.spec.security.seccomp;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release's major.minor ("6.18.44-fc" is 6.18), for the profile's minKernel conditions. */
public record KernelVersion(int major, int minor) {

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    public static KernelVersion parse(String release) {
        Matcher m = VERSION.matcher(release.trim());
        if (!m.find()) {
            throw BerthException.invalid("invalid kernel version " + release + " in the seccomp profile");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** This node's kernel; one whose release cannot be read counts as new (every rule applies). */
    public static KernelVersion ofThisNode() {
        try {
            return parse(Files.readString(Path.of("/proc/sys/kernel/osrelease")));
        } catch (IOException | RuntimeException e) {
            return new KernelVersion(Integer.MAX_VALUE, 0);
        }
    }

    public boolean isOlderThan(KernelVersion other) {
        return major != other.major ? major < other.major : minor < other.minor;
    }
}

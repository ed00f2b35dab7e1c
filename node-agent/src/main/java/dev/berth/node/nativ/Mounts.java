package dev.berth.node.nativ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Overlay mounts through mount(2)/umount2(2), never a shell. */
public final class Mounts {

    private Mounts() {
    }

    public static void mountOverlay(List<Path> lowerTopFirst, Path upper, Path work, Path target) throws IOException {
        String lower = lowerTopFirst.stream().map(Path::toString).collect(Collectors.joining(":"));
        String data = "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
        if (Native.libc().mount("overlay", target.toString(), "overlay", 0, data) != 0) {
            throw new IOException(Native.lastError("mount overlay on " + target));
        }
    }

    /** Detaches the mount; a path that is not a mount point is fine. */
    public static void unmount(Path target) {
        while (isMountPoint(target)) {
            if (Native.libc().umount2(target.toString(), LibC.MNT_DETACH) != 0) {
                return;
            }
        }
    }

    public static boolean isMountPoint(Path target) {
        String wanted = target.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}

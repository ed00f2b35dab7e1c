package dev.berth.node.spec.security;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Device nodes of this host, read with stat(2) through the JDK's unix attributes. */
public final class HostDevices {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    /** Directories of /dev a privileged container does not take from the host (it has its own). */
    private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

    private HostDevices() {
    }

    /** The node at {@code path} as it would appear at {@code inContainer}; empty if not a device. */
    public static Optional<OciSpec.Device> device(Path path, String inContainer) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,rdev,uid,gid");
        int mode = (Integer) attrs.get("mode");
        String type = switch (mode & S_IFMT) {
            case S_IFCHR -> "c";
            case S_IFBLK -> "b";
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        long rdev = (Long) attrs.get("rdev");
        return Optional.of(new OciSpec.Device(inContainer, type, major(rdev), minor(rdev), mode & 07777,
                (Integer) attrs.get("uid"), (Integer) attrs.get("gid")));
    }

    /** glibc's gnu_dev_major/minor. */
    static long major(long rdev) {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    static long minor(long rdev) {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }

    /**
     * A --device mapping: the device itself, or every device under a directory (at the same place
     * under {@code inContainer}). Docker's message for a path that is neither.
     */
    public static List<OciSpec.Device> mapping(String onHost, String inContainer) {
        Path host = Path.of(onHost);
        try {
            if (Files.isDirectory(host)) {
                List<OciSpec.Device> devices = new ArrayList<>();
                walk(host, (file) -> device(file, inContainer + "/" + host.relativize(file)).ifPresent(devices::add));
                return devices;
            }
            return List.of(device(host, inContainer).orElseThrow(() -> BerthException.invalid(
                    "error gathering device information while adding custom device \"" + onHost + "\": not a device node")));
        } catch (NoSuchFileException e) {
            throw BerthException.invalid("error gathering device information while adding custom device \""
                    + onHost + "\": no such file or directory");
        } catch (IOException e) {
            throw BerthException.invalid("error gathering device information while adding custom device \""
                    + onHost + "\": " + e.getMessage());
        }
    }

    /** Every device of the host's /dev, for a privileged container. */
    public static List<OciSpec.Device> all() {
        List<OciSpec.Device> devices = new ArrayList<>();
        Path dev = Path.of("/dev");
        try {
            walk(dev, file -> {
                // /dev/console is the container's own terminal, set up by runc.
                if (!file.equals(dev.resolve("console"))) {
                    device(file, file.toString()).ifPresent(devices::add);
                }
            });
        } catch (IOException e) {
            throw BerthException.internal("cannot list the host's devices: " + e.getMessage(), e);
        }
        return devices;
    }

    private interface FileAction {
        void accept(Path file) throws IOException;
    }

    private static void walk(Path root, FileAction action) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isOther() && !Files.isSymbolicLink(file)) {
                    action.accept(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

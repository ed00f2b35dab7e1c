package dev.berth.node.archive;

import java.nio.file.Path;
import java.util.Set;

/**
 * A container's files as {@code docker cp} sees them. A running container is reached through its
 * process ({@code /proc/PID/root}): its own mounts are seen, binds, tmpfs and the /etc/hostname,
 * /etc/hosts and /etc/resolv.conf it was given, as Docker shows them. A container without a
 * process is its rootfs alone.
 *
 * @param live whether {@code paths} is a running container's mount namespace
 */
public record ContainerRoot(RootfsPath paths, boolean live) {

    /** Directories whose content is the kernel's (proc, sysfs): archived as empty directories. */
    public Set<Path> kernelFilesystems() {
        return live ? Set.of(paths.root().resolve("proc"), paths.root().resolve("sys")) : Set.of();
    }
}

package dev.berth.node.resources;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a container's cgroup lives on this host. Containers' cgroups are {@code /berth/<id>}
 * (OciSpecFactory's cgroupsPath): under each controller's hierarchy on cgroup v1, under the one
 * unified hierarchy on v2.
 */
public record CgroupLayout(Path root, boolean unified) {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** v2 when /sys/fs/cgroup itself is the unified hierarchy (a hybrid host's empty v2 mount is not). */
    public static CgroupLayout detect() {
        return new CgroupLayout(ROOT, Files.exists(ROOT.resolve("cgroup.controllers")));
    }

    /** The container's directory for {@code controller} (v1), or its one directory (v2). */
    public Path dir(String controller, String containerId) {
        Path base = unified ? root : root.resolve(controller);
        return base.resolve("berth").resolve(containerId);
    }
}

package dev.berth.node.resources;

import java.io.IOException;
import java.nio.file.Files;

/** Whether a container's cgroup is frozen (`docker pause`): v1's freezer.state, v2's cgroup.freeze. */
public final class Freezer {

    private final CgroupLayout layout;

    public Freezer(CgroupLayout layout) {
        this.layout = layout;
    }

    public boolean isFrozen(String containerId) {
        try {
            if (layout.unified()) {
                return Files.readString(layout.dir("", containerId).resolve("cgroup.freeze")).trim().equals("1");
            }
            String state = Files.readString(layout.dir("freezer", containerId).resolve("freezer.state")).trim();
            return state.equals("FROZEN") || state.equals("FREEZING");
        } catch (IOException e) {
            return false;
        }
    }
}

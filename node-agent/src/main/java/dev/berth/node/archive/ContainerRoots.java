package dev.berth.node.archive;

import dev.berth.common.error.BerthException;
import dev.berth.node.bundle.Bundles;
import dev.berth.node.nativ.Native;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerStore;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * A container's files for {@code docker cp} ({@link ContainerRoot}), reached under the container's
 * lock: the container still known (not removed meanwhile) and its overlay mounted (remounted after
 * a host reboot), whatever its state. The lock is held for {@code work} only: callers keep it short.
 */
@Component
public class ContainerRoots {

    /** Work on a container's root, which may fail with an I/O error. */
    public interface Work<T> {
        T run(Container container, ContainerRoot root) throws IOException;
    }

    private final ContainerStore store;
    private final Bundles bundles;

    public ContainerRoots(ContainerStore store, Bundles bundles) {
        this.store = store;
        this.bundles = bundles;
    }

    public <T> T locked(String containerId, Work<T> work) throws IOException {
        Container container = store.get(containerId);
        container.lock().lock();
        try {
            if (store.find(containerId) != container) {
                throw BerthException.notFound("No such container: " + containerId);
            }
            bundles.ensureMounted(container);
            return work.run(container, rootOf(container));
        } finally {
            container.lock().unlock();
        }
    }

    private static ContainerRoot rootOf(Container container) {
        int pid = container.state().pid();
        if (container.state().isRunning() && Native.isAlive(pid)) {
            return new ContainerRoot(new RootfsPath(Path.of("/proc", Integer.toString(pid), "root")), true);
        }
        return new ContainerRoot(new RootfsPath(container.rootfs()), false);
    }
}

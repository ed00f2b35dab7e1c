package dev.berth.node.network;

import dev.berth.common.error.BerthException;
import dev.berth.node.command.ExternalCommand;
import dev.berth.node.config.NodeProperties;
import dev.berth.node.nativ.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Network namespaces that outlive their processes: each is a file under the run root with the
 * namespace bind-mounted on it (what `ip netns add` does), made before the container starts so that
 * CNI can wire it and runc can join it, and kept until the container's run ends.
 */
@Component
public class NetNamespaces {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;

    public NetNamespaces(NodeProperties properties) {
        this.dir = properties.runRoot().resolve("netns");
    }

    public Path pathOf(String containerId) {
        return dir.resolve(containerId);
    }

    /** Makes the container's namespace unless it is there already. */
    public Path create(String containerId) throws IOException {
        Path file = pathOf(containerId);
        if (Mounts.isMountPoint(file)) {
            return file;
        }
        Files.createDirectories(dir);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        // unshare(1) makes the namespace and mounts it on the file; its process then ends.
        ExternalCommand.Result result = ExternalCommand.of(TIMEOUT, List.of("unshare", "--net=" + file, "true")).run();
        if (!result.ok()) {
            Files.deleteIfExists(file);
            throw BerthException.internal("cannot make a network namespace: " + result.output(), null);
        }
        return file;
    }

    public boolean exists(String containerId) {
        return Mounts.isMountPoint(pathOf(containerId));
    }

    /** Unmounts and deletes the namespace's file; the kernel frees the namespace with its last user. */
    public void remove(String containerId) {
        Path file = pathOf(containerId);
        Mounts.unmount(file);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a file left is harmless: create() mounts over it again
        }
    }
}

package dev.berth.node.state;

import dev.berth.node.config.NodeProperties;
import dev.berth.common.error.BerthException;
import dev.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The containers this node knows, and their state.json files. */
@Component
public class ContainerStore {

    private static final String STATE_FILE = "state.json";

    private final NodeProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentHashMap<String, Container> containers = new ConcurrentHashMap<>();

    public ContainerStore(NodeProperties properties) {
        this.properties = properties;
    }

    public Container newContainer(ContainerState state) {
        return new Container(state, bundleOf(state.id()), runDirOf(state.id()), properties.exitDir());
    }

    public Path bundleOf(String id) {
        return properties.containersDir().resolve(id);
    }

    public Path runDirOf(String id) {
        return properties.runRoot().resolve(id);
    }

    public Container get(String id) {
        Container container = containers.get(id);
        if (container == null) {
            throw BerthException.notFound("No such container: " + id);
        }
        return container;
    }

    public Container find(String id) {
        return containers.get(id);
    }

    public boolean exists(String id) {
        return containers.containsKey(id);
    }

    public Collection<Container> all() {
        return containers.values();
    }

    public void register(Container container) {
        containers.put(container.id(), container);
    }

    /** Registers the container unless one with its id is known already; false then. */
    public boolean reserve(Container container) {
        return containers.putIfAbsent(container.id(), container) == null;
    }

    public void forget(String id) {
        containers.remove(id);
    }

    /** Sets and persists the container's state, crash-safe: live restore reads it after a kill -9. */
    public void update(Container container, ContainerState state) {
        container.state(state);
        try {
            AtomicFiles.write(container.bundle().resolve(STATE_FILE), json.writeValueAsBytes(state));
        } catch (IOException | RuntimeException e) {
            throw BerthException.internal("cannot save state of " + container.id() + ": " + e.getMessage(), e);
        }
    }

    /** Every state.json under the containers directory (for live restore). */
    public List<ContainerState> loadPersisted() {
        List<ContainerState> states = new ArrayList<>();
        Path dir = properties.containersDir();
        if (!Files.isDirectory(dir)) {
            return states;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path bundle : entries.toList()) {
                Path file = bundle.resolve(STATE_FILE);
                if (Files.isRegularFile(file)) {
                    try {
                        states.add(json.readValue(file.toFile(), ContainerState.class));
                    } catch (RuntimeException e) {
                        // a torn or foreign file: skip it rather than refuse to start
                    }
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot list " + dir, e);
        }
        return states;
    }
}

package dev.berth.node.disk;

import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Measures containers' writable layers: the overlay upper dir in each one's bundle. */
@Component
public class WritableLayers {

    private final ContainerStore store;

    WritableLayers(ContainerStore store) {
        this.store = store;
    }

    /** Bytes by container id; a container this node does not know is left out. */
    public Map<String, Long> measure(List<String> ids) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String id : ids) {
            Container container = store.find(id);
            if (container != null) {
                sizes.put(id, DirectorySize.of(container.bundle().resolve("upper")));
            }
        }
        return sizes;
    }
}

package dev.berth.container.node;

import java.util.Comparator;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.store.ContainerRepository;

/** Places a new container on the node with the fewest containers (ties: smallest id). */
@Component
public class NodePlacement {

    private final NodeRegistry nodes;
    private final ContainerRepository containers;

    public NodePlacement(NodeRegistry nodes, ContainerRepository containers) {
        this.nodes = nodes;
        this.containers = containers;
    }

    public String chooseNode() {
        return nodes.nodeIds().stream()
                .min(Comparator.comparingLong(containers::countByNodeId))
                .orElseThrow(() -> BerthException.internal("no node-agent is registered"));
    }
}

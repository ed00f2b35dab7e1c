package dev.berth.container.node;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.proto.v1.PrepareLayerRequest;

/**
 * Has every node unpack a layer a pull just brought, so that the first create of the image finds
 * its snapshots ready (dockerd extracts during the pull too). Nodes are asked one after the
 * other; an unreachable one fails the call with its name.
 */
@Component
public class LayerPreparation {

    private final NodeRegistry nodes;

    public LayerPreparation(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    public void prepare(PrepareLayerRequest request) {
        for (String nodeId : nodes.nodeIds()) {
            nodes.blocking(nodeId).withDeadlineAfter(30, TimeUnit.MINUTES).prepareLayer(request);
        }
    }
}

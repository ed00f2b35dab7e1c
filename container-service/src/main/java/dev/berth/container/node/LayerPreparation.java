package dev.berth.container.node;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PreparedLayer;

/**
 * Has every node unpack a layer a pull just brought, so that the first create of the image finds
 * its snapshots ready (dockerd extracts during the pull too). Nodes are asked one after the
 * other; an unreachable one fails the call with its name. The answer is what the nodes measured
 * of the layer, which they must agree on; without nodes it is empty.
 */
@Component
public class LayerPreparation {

    private final NodeRegistry nodes;

    public LayerPreparation(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    public PreparedLayer prepare(PrepareLayerRequest request) {
        PreparedLayer agreed = null;
        for (String nodeId : nodes.nodeIds()) {
            PreparedLayer measured = nodes.blocking(nodeId).withDeadlineAfter(30, TimeUnit.MINUTES).prepareLayer(request);
            if (agreed == null || agreed.getDiffId().isEmpty()) {
                agreed = measured;
            } else if (!measured.getDiffId().isEmpty() && !measured.equals(agreed)) {
                throw BerthException.precondition("nodes disagree on layer " + request.getLayers(request.getIndex())
                        .getDigest() + ": " + agreed.getDiffId() + " and, on " + nodeId + ", " + measured.getDiffId());
            }
        }
        return agreed == null ? PreparedLayer.getDefaultInstance() : agreed;
    }
}

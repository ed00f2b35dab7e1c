package dev.berth.container.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.berth.container.node.NodeRegistry;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.GetHealthRequest;
import dev.berth.proto.v1.GetHealthResponse;
import dev.berth.proto.v1.Health;
import io.grpc.StatusRuntimeException;

/**
 * Fills in State.Health of running containers that have a healthcheck, from the nodes that run
 * the checks: one call per node for a whole listing. A node that does not answer leaves its
 * containers' health absent (unknown), never made up.
 */
@Component
public class HealthStates {

    private static final Logger log = LoggerFactory.getLogger(HealthStates.class);
    private static final long DEADLINE_MILLIS = 2000;

    private final NodeRegistry nodes;

    public HealthStates(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    public Container withHealth(Container container) {
        return withHealth(List.of(container)).get(0);
    }

    public List<Container> withHealth(List<Container> containers) {
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        for (Container c : containers) {
            if (checked(c)) {
                byNode.computeIfAbsent(c.getNodeId(), n -> new ArrayList<>()).add(c.getId());
            }
        }
        if (byNode.isEmpty()) {
            return containers;
        }
        Map<String, Health> health = ask(byNode);
        return containers.stream().map(c -> health.containsKey(c.getId())
                ? c.toBuilder().setState(c.getState().toBuilder().setHealth(health.get(c.getId()))).build()
                : c).toList();
    }

    /** The health of the given containers (ids by node) that run a healthcheck. */
    public Map<String, Health> ask(Map<String, List<String>> idsByNode) {
        Map<String, Health> health = new LinkedHashMap<>();
        idsByNode.forEach((node, ids) -> health.putAll(ask(node, ids)));
        return health;
    }

    static boolean checked(Container c) {
        return checked(c.getState().getStatus(), c.getConfig());
    }

    /** Running (or paused) with a healthcheck that is not disabled. */
    public static boolean checked(ContainerStatus status, ContainerConfig config) {
        if (status != ContainerStatus.CONTAINER_STATUS_RUNNING && status != ContainerStatus.CONTAINER_STATUS_PAUSED) {
            return false;
        }
        return config.hasHealthcheck() && config.getHealthcheck().getTestCount() > 0
                && !"NONE".equals(config.getHealthcheck().getTest(0));
    }

    private Map<String, Health> ask(String node, List<String> ids) {
        try {
            GetHealthResponse answer = nodes.health(node).withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .getHealth(GetHealthRequest.newBuilder().addAllContainerIds(ids).build());
            return answer.getHealthMap();
        } catch (StatusRuntimeException | dev.berth.common.error.BerthException e) {
            log.warn("node {} did not tell the health of {} containers: {}", node, ids.size(), e.getMessage());
            return Map.of();
        }
    }
}

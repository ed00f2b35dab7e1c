package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NodeUpdateRequest;
import dev.berth.proto.v1.UpdateContainerRequest;

/**
 * `docker update` of resources: merged into the stored host config, applied by the node (to the
 * cgroup when running, to the bundle for later starts), and stored as the node applies it.
 */
@Component
public class ContainerUpdate {

    private final ContainerLookup lookup;
    private final ContainerGuard guard;
    private final StateStore store;
    private final NodeRegistry nodes;

    public ContainerUpdate(ContainerLookup lookup, ContainerGuard guard, StateStore store, NodeRegistry nodes) {
        this.lookup = lookup;
        this.guard = guard;
        this.store = store;
        this.nodes = nodes;
    }

    public ContainerRow update(UpdateContainerRequest request) {
        String id = lookup.resolve(request.getRef()).id();
        return guard.apply(id, () -> {
            ContainerRow row = lookup.current(id).orElseThrow(() -> ContainerLookup.noSuchContainer(request.getRef()));
            State state = State.of(row.status());
            if (state == State.REMOVING || state == State.DEAD) {
                throw BerthException.precondition("Cannot update container " + id
                        + ": container is marked for removal and cannot be \"update\"");
            }
            if (request.hasRestartPolicy() && !request.getRestartPolicy().getName().equals("no")
                    && ProtoJson.readHostConfig(row.hostConfig()).getAutoRemove()) {
                throw BerthException.invalid("Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            HostConfig merged = ResourceChanges.merge(id, ProtoJson.readHostConfig(row.hostConfig()), request);
            HostConfig applied = nodes.control(row.nodeId()).withDeadlineAfter(1, TimeUnit.MINUTES)
                    .updateResources(NodeUpdateRequest.newBuilder().setContainerId(id).setHostConfig(merged).build())
                    .getHostConfig();
            return store.update(row.withHostConfig(ProtoJson.write(withRestartPolicy(applied, request))), "update",
                    Map.of());
        });
    }

    /** A --restart given to update replaces the policy; "no" clears it (it applies from the next exit on). */
    static HostConfig withRestartPolicy(HostConfig host, UpdateContainerRequest request) {
        if (!request.hasRestartPolicy()) {
            return host;
        }
        return request.getRestartPolicy().getName().equals("no") ? host.toBuilder().clearRestartPolicy().build()
                : host.toBuilder().setRestartPolicy(request.getRestartPolicy()).build();
    }
}

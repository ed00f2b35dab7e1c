package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.proto.v1.NodeContainerRef;

/**
 * `docker pause` and `unpause`: the node freezes or thaws the container's cgroup, then the
 * status {@code paused} / {@code running} is persisted. Docker's 409s for the wrong state.
 */
@Component
public class ContainerPause {

    private static final long NODE_DEADLINE_SECONDS = 60;

    private final ContainerLookup lookup;
    private final ContainerGuard guard;
    private final StateStore store;
    private final NodeRegistry nodes;

    public ContainerPause(ContainerLookup lookup, ContainerGuard guard, StateStore store, NodeRegistry nodes) {
        this.lookup = lookup;
        this.guard = guard;
        this.store = store;
        this.nodes = nodes;
    }

    public ContainerRow pause(String ref) {
        String id = lookup.resolve(ref).id();
        return guard.apply(id, () -> {
            ContainerRow row = current(ref, id);
            checkPausable(id, State.of(row.status()));
            nodes.control(row.nodeId()).withDeadlineAfter(NODE_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .pauseContainer(NodeContainerRef.newBuilder().setContainerId(id).build());
            return store.update(row.withStatus(State.PAUSED.dockerName()), "pause", Map.of());
        });
    }

    public ContainerRow unpause(String ref) {
        String id = lookup.resolve(ref).id();
        return guard.apply(id, () -> {
            ContainerRow row = current(ref, id);
            checkUnpausable(id, State.of(row.status()));
            nodes.control(row.nodeId()).withDeadlineAfter(NODE_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .resumeContainer(NodeContainerRef.newBuilder().setContainerId(id).build());
            return store.update(row.withStatus(State.RUNNING.dockerName()), "unpause", Map.of());
        });
    }

    /** Docker's checks and words (moby 25+ containerPause), in its order. */
    static void checkPausable(String id, State state) {
        if (!state.hasProcess()) {
            throw BerthException.precondition("container " + id + " is not running");
        }
        if (state == State.PAUSED) {
            throw BerthException.precondition("Container " + id + " is already paused");
        }
        if (state == State.RESTARTING) {
            throw BerthException.precondition("Container " + id + " is restarting, wait until the container is running");
        }
    }

    /** dockerd answers this one with a 500: its error carries no class. */
    static void checkUnpausable(String id, State state) {
        if (state != State.PAUSED) {
            throw BerthException.internal("Container " + id + " is not paused");
        }
    }

    private ContainerRow current(String ref, String id) {
        return lookup.current(id).orElseThrow(() -> ContainerLookup.noSuchContainer(ref));
    }
}

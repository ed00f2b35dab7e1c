package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.events.ContainerEvents;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.volume.VolumeCatalog;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.waiting.ContainerWaits;
import dev.berth.container.waiting.WaitRegistry;
import dev.berth.proto.v1.NodeExit;
import dev.berth.proto.v1.NodeRemoveRequest;
import dev.berth.proto.v1.NodeStopRequest;
import io.grpc.StatusRuntimeException;

/**
 * Removal: {@code removing} is persisted first (so a second removal is refused), the node
 * deletes the container, then the row goes and the "removed" waiters answer with the exit
 * code. A node failure leaves the container {@code dead}, as Docker does.
 */
@Component
public class ContainerRemoval {

    private static final Logger log = LoggerFactory.getLogger(ContainerRemoval.class);

    private final ContainerLookup lookup;
    private final ContainerGuard guard;
    private final StateStore store;
    private final WaitRegistry waiters;
    private final NodeRegistry nodes;
    private final ContainerEvents events;
    private final VolumeCatalog volumes;

    public ContainerRemoval(ContainerLookup lookup, ContainerGuard guard, StateStore store, WaitRegistry waiters,
            NodeRegistry nodes, ContainerEvents events, VolumeCatalog volumes) {
        this.volumes = volumes;
        this.lookup = lookup;
        this.guard = guard;
        this.store = store;
        this.waiters = waiters;
        this.nodes = nodes;
        this.events = events;
    }

    /** docker rm; {@code removeVolumes} (-v) removes its anonymous volumes too. */
    public void remove(String ref, boolean force, boolean removeVolumes) {
        ContainerRow found = lookup.resolve(ref);
        boolean[] hadProcess = new boolean[1];
        ContainerRow marked = guard.apply(found.id(), () -> {
            ContainerRow row = lookup.current(found.id()).orElseThrow(() -> ContainerLookup.noSuchContainer(ref));
            State state = State.of(row.status());
            if (state == State.REMOVING) {
                throw BerthException.precondition("removal of container " + row.id() + " is already in progress");
            }
            if (state == State.PAUSED && !force) {
                throw BerthException.precondition("cannot remove container \"/" + row.name()
                        + "\": container is paused and must be unpaused first");
            }
            if (state.hasProcess() && !force) {
                throw BerthException.precondition("cannot remove container \"/" + row.name()
                        + "\": container is running: stop the container before removing or force remove");
            }
            hadProcess[0] = state.hasProcess();
            return markRemoving(row);
        });
        if (hadProcess[0]) {
            killForRemoval(marked);
        }
        finish(marked, force, removeVolumes);
    }

    /**
     * A forced removal of a running container kills it first, as dockerd does, so that the
     * "removed" waiters get its real exit code (137) rather than a stale one.
     */
    private void killForRemoval(ContainerRow marked) {
        NodeExit exit;
        events.publish(marked, "kill", Map.of("signal", "9"));
        try {
            exit = nodes.blocking(marked.nodeId()).withDeadlineAfter(1, TimeUnit.MINUTES).stopContainer(
                    NodeStopRequest.newBuilder().setContainerId(marked.id()).setSignal("SIGKILL")
                            .setTimeoutSeconds(0).build());
        } catch (StatusRuntimeException e) {
            log.debug("kill before removal of {} failed: {}", marked.id(), e.getStatus());
            return;
        }
        Exit recorded = Exit.fromNode(exit);
        // The node's event stream may have recorded this exit first: record (and announce) it once.
        guard.run(marked.id(), () -> lookup.current(marked.id())
                .filter(row -> !ExitRecorder.isStale(row, recorded))
                .ifPresent(row -> store.update(
                ExitRecorder.withExit(row, recorded).withStatus(State.REMOVING.dockerName()),
                "die", Map.of("exitCode", Integer.toString(recorded.code())))));
    }

    /** Removal after an exit or a refused start of an auto-remove container; quiet if already under way. */
    public void autoRemove(String containerId) {
        try {
            ContainerRow marked = guard.apply(containerId, () -> lookup.current(containerId)
                    .filter(row -> State.of(row.status()) != State.REMOVING)
                    .map(this::markRemoving)
                    .orElse(null));
            if (marked != null) {
                // --rm takes the container's anonymous volumes with it, as Docker does
                finish(marked, true, true);
            }
        } catch (RuntimeException e) {
            log.warn("auto-removal of container {} failed: {}", containerId, e.toString());
        }
    }

    /**
     * Finishes a removal that was interrupted (the service stopped while the row said
     * {@code removing}). Removing twice is harmless: the node ignores unknown containers.
     */
    public void resumeInterrupted(ContainerRow removing) {
        try {
            finish(removing, true, false);
        } catch (RuntimeException e) {
            log.warn("resuming removal of container {} failed: {}", removing.id(), e.toString());
        }
    }

    /** Removes, killing it if it runs, a container the node holds but no row describes. */
    public void removeOrphan(String nodeId, String containerId) {
        log.warn("node {} holds container {}, which has no record (its create was never answered): removing it",
                nodeId, containerId);
        try {
            nodes.blocking(nodeId).withDeadlineAfter(2, TimeUnit.MINUTES).removeContainer(
                    NodeRemoveRequest.newBuilder().setContainerId(containerId).setForce(true).build());
        } catch (StatusRuntimeException e) {
            log.warn("removing orphan container {} from node {} failed: {}", containerId, nodeId, e.getStatus());
        }
    }

    private ContainerRow markRemoving(ContainerRow row) {
        Transitions.check(row.id(), State.of(row.status()), State.REMOVING);
        return store.update(row.withStatus(State.REMOVING.dockerName()), "removing", Map.of());
    }

    private void finish(ContainerRow marked, boolean force, boolean removeVolumes) {
        String id = marked.id();
        try {
            nodes.blocking(marked.nodeId()).withDeadlineAfter(2, TimeUnit.MINUTES)
                    .removeContainer(NodeRemoveRequest.newBuilder().setContainerId(id).setForce(force).build());
        } catch (StatusRuntimeException e) {
            guard.run(id, () -> lookup.current(id).ifPresent(row -> store.update(
                    row.withStatus(State.DEAD.dockerName()), "remove-failed",
                    Map.of("error", String.valueOf(e.getStatus().getDescription())))));
            throw e;
        }
        guard.run(id, () -> {
            ContainerRow last = lookup.current(id).orElse(marked);
            store.delete(last, "destroy");
            waiters.removed(id, ContainerWaits.resultOf(last));
        });
        if (removeVolumes) {
            volumes.removeAnonymousOf(marked);
        }
    }
}

package dev.berth.container.node;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.berth.container.lifecycle.ContainerGuard;
import dev.berth.container.lifecycle.ContainerRemoval;
import dev.berth.container.lifecycle.Exit;
import dev.berth.container.lifecycle.ExitRecorder;
import dev.berth.container.lifecycle.State;
import dev.berth.container.lifecycle.StateStore;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.Times;
import dev.berth.proto.v1.NodeContainerStatus;
import dev.berth.proto.v1.NodeEvent;

/**
 * Applies one node's events to the database. A subscription starts with SNAPSHOT entries
 * (reconciled against the rows), then SYNCED (rows the node no longer knows while they
 * claim a live process get a lost exit code; containers the node holds without a row are
 * removed from it, rows of creates the node never received are rolled back), then live
 * EXITED events.
 */
@Component
public class NodeEventHandler {

    private static final Logger log = LoggerFactory.getLogger(NodeEventHandler.class);

    private final ContainerRepository containers;
    private final ContainerGuard guard;
    private final StateStore store;
    private final ExitRecorder exits;
    private final ContainerRemoval removal;
    /** Nodes whose interrupted removals were resumed: once per node and process. */
    private final Set<String> resumedNodes = ConcurrentHashMap.newKeySet();
    private final Instant processStart = Instant.now();

    public NodeEventHandler(ContainerRepository containers, ContainerGuard guard, StateStore store,
            ExitRecorder exits, ContainerRemoval removal) {
        this.containers = containers;
        this.guard = guard;
        this.store = store;
        this.exits = exits;
        this.removal = removal;
    }

    /** State of one subscription: the ids seen in its snapshot. */
    public final class Subscription {

        private final String nodeId;
        private final Set<String> snapshotIds = new HashSet<>();

        Subscription(String nodeId) {
            this.nodeId = nodeId;
        }

        public void handle(NodeEvent event) {
            try {
                switch (event.getType()) {
                    case NODE_EVENT_TYPE_SNAPSHOT -> {
                        snapshotIds.add(event.getContainerId());
                        reconcile(event);
                    }
                    case NODE_EVENT_TYPE_SYNCED -> {
                        forgetMissing(nodeId, snapshotIds);
                        removeOrphans(nodeId, snapshotIds);
                        rollBackUnansweredCreates(nodeId, snapshotIds);
                        if (resumedNodes.add(nodeId)) {
                            resumeRemovals(nodeId);
                        }
                    }
                    case NODE_EVENT_TYPE_EXITED -> exits.record(event.getContainerId(), Exit.fromNode(event.getExit()));
                    default -> {
                        // STARTED: Start's own answer records the running state.
                    }
                }
            } catch (RuntimeException e) {
                log.warn("node {}: cannot apply {} of {}: {}", nodeId, event.getType(), event.getContainerId(),
                        e.toString());
            }
        }
    }

    public Subscription subscribe(String nodeId) {
        return new Subscription(nodeId);
    }

    private void reconcile(NodeEvent event) {
        String id = event.getContainerId();
        if (event.getStatus() == NodeContainerStatus.NODE_CONTAINER_STATUS_EXITED) {
            boolean recorded = exits.record(id, Exit.fromNode(event.getExit()));
            if (!recorded) {
                removeLeftoverAutoRemove(id);
            }
        } else if (event.getStatus() == NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING) {
            guard.run(id, () -> containers.findById(id)
                    .filter(row -> State.of(row.status()) == State.CREATED)
                    .ifPresent(row -> store.update(row.withStarted(State.RUNNING.dockerName(), event.getPid(),
                            Times.fromProtoOrNow(event.getTime()), event.getRunId(), row.network()), "start",
                            Map.of("reconciled", "true"))));
        }
    }

    /** An exited auto-remove container whose removal was interrupted (say, by our restart). */
    private void removeLeftoverAutoRemove(String id) {
        containers.findById(id)
                .filter(row -> State.of(row.status()) == State.EXITED)
                .filter(row -> ProtoJson.readHostConfig(row.hostConfig()).getAutoRemove())
                .ifPresent(row -> removal.autoRemove(id));
    }

    private void resumeRemovals(String nodeId) {
        containers.findByNodeId(nodeId).stream()
                .filter(row -> State.of(row.status()) == State.REMOVING)
                .forEach(removal::resumeInterrupted);
    }

    /**
     * Containers the node holds that no row describes. A row is committed before the node is
     * asked to create, so these are creates that were never answered (the service died
     * during them): nobody holds their id, and they go.
     */
    private void removeOrphans(String nodeId, Set<String> onNode) {
        for (String id : onNode) {
            if (containers.findById(id).isEmpty()) {
                removal.removeOrphan(nodeId, id);
            }
        }
    }

    /**
     * Rows still {@code created} that their node never received: the service died between
     * storing the row and the node's create, so the create was never answered. They are rolled
     * back, as a failed create is. Only rows older than this process: a younger one may be a
     * create of ours still on its way to the node.
     */
    private void rollBackUnansweredCreates(String nodeId, Set<String> onNode) {
        for (ContainerRow row : containers.findByNodeId(nodeId)) {
            if (!onNode.contains(row.id()) && State.of(row.status()) == State.CREATED
                    && row.createdAt().toInstant().isBefore(processStart)) {
                log.warn("node {} never received container {} (its create was never answered): rolling it back",
                        nodeId, row.id());
                store.discard(row.id());
            }
        }
    }

    private void forgetMissing(String nodeId, Set<String> known) {
        for (ContainerRow row : containers.findByNodeId(nodeId)) {
            if (!known.contains(row.id()) && State.of(row.status()).hasProcess()) {
                log.warn("node {} does not know running container {}: its exit code is lost", nodeId, row.id());
                exits.record(row.id(), Exit.lost(row.runId(), Times.now()));
            }
        }
    }
}

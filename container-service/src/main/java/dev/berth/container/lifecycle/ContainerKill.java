package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import dev.berth.common.error.BerthException;
import dev.berth.container.events.ContainerEvents;
import dev.berth.container.events.SignalNumbers;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.restart.StopIntents;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.StopIntent;
import dev.berth.container.waiting.WaitRegistry;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeKillRequest;
import dev.berth.proto.v1.WaitCondition;

/**
 * Kill: sends a signal through the node. For SIGKILL it also waits (briefly) for the exit to
 * be recorded, as dockerd does, so that a following inspect shows the container exited.
 */
@Component
public class ContainerKill {

    private static final Set<String> KILL = Set.of("", "KILL", "SIGKILL", "9");
    private static final long KILL_WAIT_SECONDS = 10;

    private final ContainerLookup lookup;
    private final NodeRegistry nodes;
    private final WaitRegistry waiters;
    private final StopIntentRecorder intents;
    private final ContainerGuard guard;
    private final StateStore store;
    private final ContainerEvents events;

    public ContainerKill(ContainerLookup lookup, NodeRegistry nodes, WaitRegistry waiters, ContainerGuard guard,
            StateStore store, StopIntentRecorder intents, ContainerEvents events) {
        this.intents = intents;
        this.lookup = lookup;
        this.nodes = nodes;
        this.waiters = waiters;
        this.guard = guard;
        this.store = store;
        this.events = events;
    }

    public ContainerRow kill(String ref, String signal) {
        ContainerRow row = lookup.resolve(ref);
        if (!State.of(row.status()).hasProcess()) {
            throw BerthException.precondition(
                    "Cannot kill container: " + ref + ": Container " + row.id() + " is not running");
        }
        StopIntent intent = StopIntents.ofKill(signal, ProtoJson.readConfig(row.config()).getStopSignal());
        if (intents.record(row.id(), intent)) {
            return lookup.current(row.id()).orElse(row);
        }
        boolean isKill = KILL.contains(signal.toUpperCase(java.util.Locale.ROOT));
        WaitRegistry.Waiter exit = isKill ? waiters.register(row.id(), WaitCondition.WAIT_CONDITION_NEXT_EXIT) : null;
        try {
            events.publish(row, "kill", Map.of("signal", SignalNumbers.of(signal.isEmpty() ? "KILL" : signal)));
            try {
                nodes.blocking(row.nodeId()).withDeadlineAfter(1, TimeUnit.MINUTES).killContainer(
                        NodeKillRequest.newBuilder().setContainerId(row.id())
                                .setSignal(signal.isEmpty() ? "SIGKILL" : signal).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
                    throw e;
                }
                // The process ended between our read and the signal (a policy restart of a short
                // command): its exit is on its way and is read with the intent recorded above, so
                // the container stops as asked. Not an error to the user, who saw it running.
            }
            if (exit != null && stillRunning(row.id())) {
                awaitQuietly(exit);
            }
            if (State.of(row.status()) == State.PAUSED && stillRunning(row.id()) && !nodes.control(row.nodeId())
                    .withDeadlineAfter(1, TimeUnit.MINUTES)
                    .getPauseState(NodeContainerRef.newBuilder().setContainerId(row.id()).build()).getPaused()) {
                markThawed(row.id());
            }
        } finally {
            if (exit != null) {
                waiters.cancel(exit);
            }
        }
        return lookup.current(row.id()).orElse(row);
    }

    /**
     * The node thaws a paused container after a signal meant to end it (as dockerd does); one that
     * does not end at once runs again.
     */
    private void markThawed(String id) {
        guard.run(id, () -> lookup.current(id)
                .filter(current -> State.of(current.status()) == State.PAUSED)
                .ifPresent(current -> store.update(current.withStatus(State.RUNNING.dockerName()), "unpause",
                        java.util.Map.of())));
    }

    /** Read after registering: an exit recorded before is seen here, one after notifies. */
    private boolean stillRunning(String id) {
        return lookup.current(id).map(current -> State.of(current.status()).hasProcess()).orElse(false);
    }

    private static void awaitQuietly(WaitRegistry.Waiter exit) {
        try {
            exit.result().get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The exit will still be recorded when the node reports it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.events.ContainerEvents;
import dev.berth.container.events.SignalNumbers;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.waiting.WaitRegistry;
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
    private final ContainerEvents events;

    public ContainerKill(ContainerLookup lookup, NodeRegistry nodes, WaitRegistry waiters, ContainerEvents events) {
        this.lookup = lookup;
        this.nodes = nodes;
        this.waiters = waiters;
        this.events = events;
    }

    public ContainerRow kill(String ref, String signal) {
        ContainerRow row = lookup.resolve(ref);
        if (!State.of(row.status()).hasProcess()) {
            throw BerthException.precondition(
                    "Cannot kill container: " + ref + ": Container " + row.id() + " is not running");
        }
        boolean isKill = KILL.contains(signal.toUpperCase(java.util.Locale.ROOT));
        WaitRegistry.Waiter exit = isKill ? waiters.register(row.id(), WaitCondition.WAIT_CONDITION_NEXT_EXIT) : null;
        try {
            events.publish(row, "kill", Map.of("signal", SignalNumbers.of(signal.isEmpty() ? "KILL" : signal)));
            nodes.blocking(row.nodeId()).withDeadlineAfter(1, TimeUnit.MINUTES).killContainer(
                    NodeKillRequest.newBuilder().setContainerId(row.id())
                            .setSignal(signal.isEmpty() ? "SIGKILL" : signal).build());
            if (exit != null && stillRunning(row.id())) {
                awaitQuietly(exit);
            }
        } finally {
            if (exit != null) {
                waiters.cancel(exit);
            }
        }
        return lookup.current(row.id()).orElse(row);
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

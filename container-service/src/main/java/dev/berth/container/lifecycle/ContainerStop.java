package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.container.events.ContainerEvents;
import dev.berth.container.events.SignalNumbers;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.StopIntent;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeExit;
import dev.berth.proto.v1.NodeStopRequest;

/**
 * Stop and restart. Stop asks the node for the stop signal then SIGKILL after the timeout,
 * and records the exit it answers with (the event stream may report it too; the recorder
 * keeps the first).
 */
@Component
public class ContainerStop {

    static final String DEFAULT_SIGNAL = "SIGTERM";
    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    /** The container after the call, and whether it was not running. */
    public record Result(ContainerRow container, boolean alreadyStopped) {
    }

    private final ContainerLookup lookup;
    private final NodeRegistry nodes;
    private final ExitRecorder exits;
    private final ContainerStart starter;
    private final StopIntentRecorder intents;
    private final ContainerEvents events;

    public ContainerStop(ContainerLookup lookup, NodeRegistry nodes, ExitRecorder exits, ContainerStart starter,
            StopIntentRecorder intents, ContainerEvents events) {
        this.intents = intents;
        this.lookup = lookup;
        this.nodes = nodes;
        this.exits = exits;
        this.starter = starter;
        this.events = events;
    }

    /** {@code timeoutSeconds} null: the container's StopTimeout, else 10. */
    public Result stop(String ref, Integer timeoutSeconds, String signal) {
        ContainerRow row = lookup.resolve(ref);
        if (!State.of(row.status()).hasProcess()) {
            return new Result(row, true);
        }
        if (intents.record(row.id(), StopIntent.STOPPED)) {
            return new Result(lookup.current(row.id()).orElse(row), false);
        }
        ContainerConfig config = ProtoJson.readConfig(row.config());
        String effectiveSignal = !signal.isEmpty() ? signal
                : !config.getStopSignal().isEmpty() ? config.getStopSignal() : DEFAULT_SIGNAL;
        int timeout = timeoutSeconds != null ? timeoutSeconds
                : config.hasStopTimeout() ? config.getStopTimeout() : DEFAULT_TIMEOUT_SECONDS;
        NodeAgentGrpc.NodeAgentBlockingStub stub = nodes.blocking(row.nodeId());
        if (timeout >= 0) {
            stub = stub.withDeadlineAfter(timeout + 60L, TimeUnit.SECONDS);
        }
        // Docker's order: kill (the stop signal), die, stop.
        events.publish(row, "kill", Map.of("signal", SignalNumbers.of(effectiveSignal)));
        NodeExit exit = stub.stopContainer(NodeStopRequest.newBuilder()
                .setContainerId(row.id()).setSignal(effectiveSignal).setTimeoutSeconds(timeout).build());
        exits.record(row.id(), Exit.fromNode(exit));
        ContainerRow after = lookup.current(row.id()).orElse(row);
        events.publish(after, "stop", Map.of());
        return new Result(after, false);
    }

    /** Stop if running, then start; auto-removal is suspended meanwhile, as in Docker. */
    public ContainerRow restart(String ref, Integer timeoutSeconds, String signal) {
        ContainerRow row = lookup.resolve(ref);
        return exits.withoutAutoRemove(row.id(), () -> {
            stop(row.id(), timeoutSeconds, signal);
            ContainerRow started = starter.start(row.id()).container();
            events.publish(started, "restart", Map.of());
            return started;
        });
    }
}

package dev.berth.container.lifecycle;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.Times;
import dev.berth.container.network.NetworkAttachments;
import dev.berth.proto.v1.NetworkAttachment;
import dev.berth.proto.v1.NodeStartRequest;
import dev.berth.proto.v1.NodeStartResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Start: the node runs the process, then {@code running} is persisted with pid, start time and
 * the node's run id, unless that run's exit was recorded first (a fast process): then the exit
 * stands.
 */
@Component
public class ContainerStart {

    /** The container after the call, and whether it was running already. */
    public record Result(ContainerRow container, boolean alreadyRunning) {
    }

    private final ContainerLookup lookup;
    private final ContainerGuard guard;
    private final StateStore store;
    private final NodeRegistry nodes;
    private final ContainerRemoval removal;
    private final NetworkAttachments attachments;

    public ContainerStart(ContainerLookup lookup, ContainerGuard guard, StateStore store, NodeRegistry nodes,
            ContainerRemoval removal, NetworkAttachments attachments) {
        this.attachments = attachments;
        this.lookup = lookup;
        this.guard = guard;
        this.store = store;
        this.nodes = nodes;
        this.removal = removal;
    }

    public Result start(String ref) {
        ContainerRow row = lookup.resolve(ref);
        State state = State.of(row.status());
        if (state == State.RUNNING || state == State.RESTARTING) {
            return new Result(row, true);
        }
        if (state == State.PAUSED) {
            throw BerthException.precondition("cannot start a paused container, try unpause instead");
        }
        if (state == State.REMOVING) {
            throw BerthException.precondition("container is marked for removal and cannot be started");
        }
        Transitions.check(row.id(), state, State.RUNNING);
        NodeStartRequest request;
        try {
            request = startRequest(row);
        } catch (BerthException e) {
            failed(row, e.getMessage());
            throw e;
        }
        NodeStartResponse started;
        try {
            started = nodes.blocking(row.nodeId()).withDeadlineAfter(2, TimeUnit.MINUTES).startContainer(request);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw refused(row, String.valueOf(e.getStatus().getDescription()));
            }
            if (nodeAnswered(e.getStatus().getCode())) {
                // The node could not start it (an unknown network, a host port taken): recorded as
                // Docker records it, and an --rm container goes, so that `docker run --rm` ends.
                failed(row, String.valueOf(e.getStatus().getDescription()));
            }
            throw e;
        }
        OffsetDateTime startedAt = Times.fromProtoOrNow(started.getStartedAt());
        ContainerRow after = guard.apply(row.id(), () -> lookup.current(row.id())
                .map(current -> recordStart(current, started.getPid(), startedAt, started.getRunId(), networkOf(started)))
                .orElse(row));
        return new Result(after, false);
    }

    /** What a restart by the policy came to. */
    public enum PolicyStart { STARTED, CANCELLED, REFUSED, NODE_UNAVAILABLE }

    /**
     * Starts a container the restart policy holds in {@code restarting}, under its guard from the
     * check to the record, so that a stop meanwhile either cancels the restart or stops the new run.
     */
    public PolicyStart startByPolicy(String containerId) {
        return guard.apply(containerId, () -> {
            ContainerRow row = lookup.current(containerId).orElse(null);
            if (row == null || State.of(row.status()) != State.RESTARTING) {
                return PolicyStart.CANCELLED;
            }
            NodeStartResponse started;
            try {
                started = nodes.blocking(row.nodeId()).withDeadlineAfter(2, TimeUnit.MINUTES)
                        .startContainer(startRequest(row));
            } catch (StatusRuntimeException | BerthException e) {
                if (e instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                    return PolicyStart.NODE_UNAVAILABLE;
                }
                String message = StartFailure.dockerMessage(e instanceof StatusRuntimeException s
                        ? String.valueOf(s.getStatus().getDescription()) : e.getMessage());
                store.update(row.withStartError(StartFailure.exitCode(message), message)
                        .withStatus(State.EXITED.dockerName()), "start-failed", Map.of("error", message));
                return PolicyStart.REFUSED;
            }
            store.update(row.withRestarted(started.getPid(), Times.fromProtoOrNow(started.getStartedAt()),
                    started.getRunId(), networkOf(started)), "start", Map.of("pid", Integer.toString(started.getPid())));
            return PolicyStart.STARTED;
        });
    }

    /** The node's start, with the networks the run joins. */
    private NodeStartRequest startRequest(ContainerRow row) {
        NodeStartRequest.Builder request = NodeStartRequest.newBuilder().setContainerId(row.id());
        NetworkAttachment network = attachments.forStart(row);
        if (network != null) {
            request.setNetwork(network);
        }
        return request.addAllConnected(attachments.connectedForStart(row)).build();
    }

    /** The run's network as stored: empty when it has none (the host's network, none). */
    static String networkOf(NodeStartResponse started) {
        return started.hasNetwork() ? ProtoJson.write(started.getNetwork()) : "";
    }

    private ContainerRow recordStart(ContainerRow current, int pid, OffsetDateTime startedAt, long runId,
            String network) {
        State state = State.of(current.status());
        if (current.exitedRunId() >= runId) {
            return store.update(current.withStartTime(startedAt), "start", Map.of("pid", Integer.toString(pid)));
        }
        if (state == State.CREATED || state == State.EXITED) {
            return store.update(current.withStarted(State.RUNNING.dockerName(), pid, startedAt, runId, network), "start",
                    Map.of("pid", Integer.toString(pid)));
        }
        return current;
    }

    /** Whether the node itself answered (the start failed there), not a call that may not have reached it. */
    static boolean nodeAnswered(Status.Code code) {
        return code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED
                && code != Status.Code.CANCELLED && code != Status.Code.UNKNOWN;
    }

    private void failed(ContainerRow row, String message) {
        guard.run(row.id(), () -> lookup.current(row.id()).ifPresent(current -> store.update(
                current.withStartError(StartFailure.exitCode(message), message), "start-failed", Map.of("error", message))));
        if (ExitRecorder.autoRemove(row)) {
            removal.autoRemove(row.id());
        }
    }

    private BerthException refused(ContainerRow row, String runcText) {
        String message = StartFailure.dockerMessage(runcText);
        int exitCode = StartFailure.exitCode(message);
        guard.run(row.id(), () -> lookup.current(row.id()).ifPresent(current -> store.update(
                current.withStartError(exitCode, message), "start-failed", Map.of("error", message))));
        if (ExitRecorder.autoRemove(row)) {
            removal.autoRemove(row.id());
        }
        return BerthException.invalid(message);
    }
}

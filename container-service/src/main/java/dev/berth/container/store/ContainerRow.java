package dev.berth.container.store;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One row of {@code containers}: the durable record of a container. Immutable; the
 * {@code with*} methods give the next state. {@code config}, {@code hostConfig} and
 * {@code files} are the proto messages as JSON; {@code status} is Docker's lower-case state name.
 * {@code runId} is the node's id of the latest run known, {@code exitedRunId} the run whose exit
 * is recorded (-1: none). {@code stopIntent} is what the user's last stop or kill asked of the
 * restart policy. {@code network} is the running container's NetworkState as JSON, empty when it
 * does not run on a network.
 */
@Table("containers")
public record ContainerRow(
        @Id String id,
        String name,
        String imageId,
        String image,
        String config,
        String hostConfig,
        String status,
        int pid,
        int exitCode,
        String error,
        boolean oomKilled,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        int restartCount,
        String nodeId,
        String files,
        long runId,
        long exitedRunId,
        StopIntent stopIntent,
        String network,
        @Version Long version) {

    /** {@code exitedRunId} of a row no exit has been recorded for. */
    public static final long NO_RUN = -1;

    public ContainerRow withStatus(String newStatus) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, newStatus, pid, exitCode, error,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, files, runId, exitedRunId, stopIntent, network, version);
    }

    /** Run {@code newRunId} started: clears the previous run's exit information, as Docker does. */
    public ContainerRow withStarted(String newStatus, int newPid, OffsetDateTime at, long newRunId, String newNetwork) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, newStatus, newPid, 0, "",
                false, createdAt, at, finishedAt, 0, nodeId, files, newRunId, exitedRunId, StopIntent.NONE, newNetwork, version);
    }

    /** Run {@code newRunId} started by the restart policy: one restart more, the stop intent kept. */
    public ContainerRow withRestarted(int newPid, OffsetDateTime at, long newRunId, String newNetwork) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, "running", newPid, 0, "",
                false, createdAt, at, finishedAt, restartCount + 1, nodeId, files, newRunId, exitedRunId, stopIntent,
                newNetwork, version);
    }

    /** What a user's stop or kill says of the next exit (see {@link StopIntent}). */
    public ContainerRow withStopIntent(StopIntent intent) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, status, pid, exitCode, error,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, files, runId, exitedRunId, intent,
                network, version);
    }

    /** The exit of run {@code exitRunId}, which may be recorded before its start (a fast process). */
    public ContainerRow withExit(long exitRunId, int code, OffsetDateTime at, boolean oom, String newError) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, "exited", 0, code, newError,
                oom, createdAt, startedAt, at, restartCount, nodeId, files, Math.max(runId, exitRunId), exitRunId,
                stopIntent, "", version);
    }

    /** A start the runtime refused: the status is kept, the failure recorded. */
    public ContainerRow withStartError(int code, String newError) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, status, 0, code, newError,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, files, runId, exitedRunId, stopIntent, network, version);
    }

    /** The start time of a process whose exit was recorded first (so no pid any more). */
    public ContainerRow withStartTime(OffsetDateTime at) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, status, 0, exitCode, error,
                oomKilled, createdAt, at, finishedAt, restartCount, nodeId, files, runId, exitedRunId, stopIntent, network, version);
    }

    /** The host config (HostConfig as JSON) as the node applies it. */
    public ContainerRow withHostConfig(String newHostConfig) {
        return new ContainerRow(id, name, imageId, image, config, newHostConfig, status, pid, exitCode, error,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, files, runId, exitedRunId, stopIntent, network, version);
    }

    /** The run's networks (NetworkState as JSON) after a `docker network connect` or disconnect. */
    public ContainerRow withNetwork(String newNetwork) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, status, pid, exitCode, error,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, files, runId, exitedRunId, stopIntent, newNetwork, version);
    }

    /** The container under a new name (`docker rename`), without the leading "/". */
    public ContainerRow withName(String newName) {
        return new ContainerRow(id, newName, imageId, image, config, hostConfig, status, pid, exitCode, error,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, files, runId, exitedRunId, stopIntent, network, version);
    }

    /** Where the node keeps the container's files (ContainerFiles as JSON). */
    public ContainerRow withFiles(String newFiles) {
        return new ContainerRow(id, name, imageId, image, config, hostConfig, status, pid, exitCode, error,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, nodeId, newFiles, runId, exitedRunId, stopIntent, network, version);
    }
}

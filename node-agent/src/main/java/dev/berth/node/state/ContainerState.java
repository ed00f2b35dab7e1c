package dev.berth.node.state;

import java.time.Instant;

/**
 * What the node knows about one container, persisted as state.json so a restarted agent can
 * re-adopt it. Times are ISO-8601 strings. {@code runId} is the node's id of the latest run of the
 * main process (0: never started); the exit fields describe that run once it has ended.
 */
public record ContainerState(
        String id,
        Status status,
        long runId,
        int pid,
        int conmonPid,
        String startedAt,
        Integer exitCode,
        String finishedAt,
        boolean oomKilled,
        boolean exitCodeLost,
        boolean tty,
        boolean openStdin,
        String stopSignal) {

    public enum Status { CREATED, RUNNING, EXITED }

    public static ContainerState created(String id, boolean tty, boolean openStdin, String stopSignal) {
        return new ContainerState(id, Status.CREATED, 0, 0, 0, null, null, null, false, false, tty, openStdin, stopSignal);
    }

    /** The id the next run gets. */
    public long nextRunId() {
        return runId + 1;
    }

    public ContainerState running(long newRunId, int newPid, int newConmonPid, Instant started) {
        return new ContainerState(id, Status.RUNNING, newRunId, newPid, newConmonPid, started.toString(), null, null,
                false, false, tty, openStdin, stopSignal);
    }

    public ContainerState exited(ProcessExit exit) {
        return new ContainerState(id, Status.EXITED, runId, 0, conmonPid, startedAt, exit.code(),
                exit.finishedAt().toString(), exit.oomKilled(), exit.codeLost(), tty, openStdin, stopSignal);
    }

    public boolean isRunning() {
        return status == Status.RUNNING;
    }
}

package dev.berth.node.state;

import java.time.Instant;

/**
 * What the node knows about one container, persisted as state.json so a restarted agent can
 * re-adopt it. Times are ISO-8601 strings.
 */
public record ContainerState(
        String id,
        Status status,
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
        return new ContainerState(id, Status.CREATED, 0, 0, null, null, null, false, false, tty, openStdin, stopSignal);
    }

    public ContainerState running(int newPid, int newConmonPid, Instant started) {
        return new ContainerState(id, Status.RUNNING, newPid, newConmonPid, started.toString(), null, null,
                false, false, tty, openStdin, stopSignal);
    }

    public ContainerState exited(Integer code, Instant finished, boolean oom, boolean lost) {
        return new ContainerState(id, Status.EXITED, 0, conmonPid, startedAt, code, finished.toString(),
                oom, lost, tty, openStdin, stopSignal);
    }

    public boolean isRunning() {
        return status == Status.RUNNING;
    }
}

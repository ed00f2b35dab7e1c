package dev.berth.node.exec;

import dev.berth.node.attach.OutputHub;
import dev.berth.node.state.ContainerProcess;
import dev.berth.node.state.ProcessExit;
import dev.berth.proto.v1.ExecConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One exec: created, then started once (running), then exited. Its process runs under a conmon of
 * its own whose files (process spec, pid file, attach socket, ctl FIFO, exit files) are in
 * {@link #dir()}. State changes are synchronized: the launcher, the exit collector and inspect
 * come from different threads.
 */
final class Exec {

    enum Phase { CREATED, STARTING, RUNNING, EXITED }

    private final String id;
    private final String containerId;
    private final ExecConfig config;
    private final Path dir;
    private final ContainerProcess process;
    private final OutputHub hub = new OutputHub();
    private final CompletableFuture<Void> launched = new CompletableFuture<>();
    private Phase phase = Phase.CREATED;
    private int pid;
    private int conmonPid;
    private ConmonPipe sync;

    Exec(String id, String containerId, long runId, ExecConfig config, Path dir) {
        this.id = id;
        this.containerId = containerId;
        this.config = config;
        this.dir = dir;
        // conmon names the exit file after -c, the container: each exec has an exit dir of its own.
        this.process = new ContainerProcess(id, runId, dir.resolve(containerId), dir);
    }

    String id() {
        return id;
    }

    String containerId() {
        return containerId;
    }

    ExecConfig config() {
        return config;
    }

    Path dir() {
        return dir;
    }

    OutputHub hub() {
        return hub;
    }

    ContainerProcess process() {
        return process;
    }

    /** Claims the one start; false if it was started already (Docker's 409). */
    synchronized boolean beginStart() {
        if (phase != Phase.CREATED) {
            return false;
        }
        phase = Phase.STARTING;
        return true;
    }

    synchronized void started(int processPid, int conmon) {
        started(processPid, conmon, null);
    }

    /** {@code sync}: conmon's sync pipe, which brings the exit status next (null: none). */
    synchronized void started(int processPid, int conmon, ConmonPipe sync) {
        if (phase == Phase.STARTING) {
            phase = Phase.RUNNING;
        }
        this.pid = processPid;
        this.conmonPid = conmon;
        this.sync = sync;
        launched.complete(null);
    }

    /** conmon's sync pipe of a running exec, handed over once to whoever waits for its exit. */
    synchronized ConmonPipe takeSyncPipe() {
        ConmonPipe taken = sync;
        sync = null;
        return taken;
    }

    /** conmon runs; known before the process does, so that a lost conmon is noticed. */
    synchronized void conmonStarted(int conmon) {
        this.conmonPid = conmon;
    }

    /** Completes once the process runs, exceptionally if it could not be started. */
    CompletableFuture<Void> launched() {
        return launched;
    }

    synchronized void startFailed(ProcessExit exit) {
        exited(exit);
        launched.completeExceptionally(new IllegalStateException("exec " + id + " did not start"));
    }

    synchronized void exited(ProcessExit exit) {
        phase = Phase.EXITED;
        process.exit().complete(exit);
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized int pid() {
        return pid;
    }

    synchronized int conmonPid() {
        return conmonPid;
    }

    /** The exit code; null while it runs, and when conmon lost it. */
    Integer exitCode() {
        ProcessExit exit = process.exit().getNow(null);
        return exit == null ? null : exit.code();
    }
}

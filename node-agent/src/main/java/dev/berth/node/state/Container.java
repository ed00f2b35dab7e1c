package dev.berth.node.state;

import dev.berth.node.attach.OutputHub;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A container's live handle: its state, paths, the output hub of its main process, the main
 * process of the current run, and the lock.
 *
 * <p>The one locking rule: the state, the processes and the files of a container change only
 * while its {@link #lock()} is held, and nobody waits for a process's exit while holding it.
 */
public final class Container {

    private final String id;
    private final Path bundle;
    private final Path runDir;
    private final Path exitDir;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutputHub hub = new OutputHub();
    private volatile ContainerState state;
    private volatile ContainerProcess mainProcess;

    public Container(ContainerState state, Path bundle, Path runDir, Path exitDir) {
        this.id = state.id();
        this.state = state;
        this.bundle = bundle;
        this.runDir = runDir;
        this.exitDir = exitDir;
        if (state.isRunning()) {
            // re-adopted by the live restore: the run recorded goes on
            this.mainProcess = processOf(state.runId());
        }
    }

    public String id() {
        return id;
    }

    public ContainerState state() {
        return state;
    }

    void state(ContainerState newState) {
        this.state = newState;
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** The main process's output; attachments outlive runs (an attach before a start gets its output). */
    public OutputHub hub() {
        return hub;
    }

    /** The main process of the current or latest run; null before the first start. */
    public ContainerProcess mainProcess() {
        return mainProcess;
    }

    /** A new run's main process, with the id {@code runId}. */
    public ContainerProcess newRun(long runId) {
        mainProcess = processOf(runId);
        return mainProcess;
    }

    private ContainerProcess processOf(long runId) {
        // conmon's -u of the main process is the container id: its exit file is EXITDIR/ID.
        return new ContainerProcess(id, runId, exitDir.resolve(id), runDir);
    }

    public Path bundle() {
        return bundle;
    }

    public Path rootfs() {
        return bundle.resolve("rootfs");
    }

    public Path logFile() {
        return bundle.resolve("ctr.log");
    }

    /** The files bind-mounted at /etc/hostname, /etc/hosts and /etc/resolv.conf. */
    public Path hostnameFile() {
        return bundle.resolve("hostname");
    }

    public Path hostsFile() {
        return bundle.resolve("hosts");
    }

    public Path resolvConfFile() {
        return bundle.resolve("resolv.conf");
    }

    public Path pidFile() {
        return bundle.resolve("pidfile");
    }

    public Path runDir() {
        return runDir;
    }

    public Path exitDir() {
        return exitDir;
    }
}

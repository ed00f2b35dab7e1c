package dev.berth.node.state;

import dev.berth.node.attach.OutputHub;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/** A container's live handle: its state, paths, output hub and the lock serialising runtime operations on it. */
public final class Container {

    private final String id;
    private final Path bundle;
    private final Path runDir;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutputHub hub = new OutputHub();
    private volatile ContainerState state;
    private volatile CompletableFuture<ContainerState> exit = new CompletableFuture<>();

    public Container(ContainerState state, Path bundle, Path runDir) {
        this.id = state.id();
        this.state = state;
        this.bundle = bundle;
        this.runDir = runDir;
    }

    public String id() {
        return id;
    }

    public ContainerState state() {
        return state;
    }

    public void state(ContainerState newState) {
        this.state = newState;
    }

    public ReentrantLock lock() {
        return lock;
    }

    public OutputHub hub() {
        return hub;
    }

    /** Completes with the exited state when the current run ends. */
    public CompletableFuture<ContainerState> exit() {
        return exit;
    }

    public void newRun() {
        exit = new CompletableFuture<>();
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
}

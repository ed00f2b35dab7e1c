package dev.berth.node.executor;

import dev.berth.node.attach.AttachSocket;
import dev.berth.node.attach.OutputPump;
import dev.berth.node.command.ExternalCommand;
import dev.berth.node.config.NodeProperties;
import dev.berth.common.error.BerthException;
import dev.berth.node.nativ.Mounts;
import dev.berth.node.nativ.Trees;
import dev.berth.node.snapshot.SnapshotStore;
import dev.berth.node.spec.Signals;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerState;
import dev.berth.node.state.ContainerStore;
import dev.berth.node.supervisor.EventBus;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The container lifecycle on this node: create (bundle), start (conmon + runc), stop, kill, exit
 * handling and remove. Every operation on a container holds that container's lock.
 */
@Component
public class ContainerRuntime {

    private static final Logger log = LoggerFactory.getLogger(ContainerRuntime.class);
    private static final Pattern VALID_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    private final NodeProperties properties;
    private final ContainerStore store;
    private final SnapshotStore snapshots;
    private final BundleBuilder bundles;
    private final ConmonLauncher conmon;
    private final Runc runc;
    private final EventBus events;

    ContainerRuntime(NodeProperties properties, ContainerStore store, SnapshotStore snapshots, BundleBuilder bundles,
                     ConmonLauncher conmon, Runc runc, EventBus events) {
        this.properties = properties;
        this.store = store;
        this.snapshots = snapshots;
        this.bundles = bundles;
        this.conmon = conmon;
        this.runc = runc;
        this.events = events;
    }

    /** Prepares the container (snapshot, writable layer, bundle); returns it. */
    public Container create(NodeCreateRequest request) {
        String id = request.getContainerId();
        if (!VALID_ID.matcher(id).matches()) {
            throw BerthException.invalid("invalid container id: " + id);
        }
        dev.berth.node.spec.OciSpecFactory.args(request.getConfig()); // refuses an empty command early
        synchronized (this) {
            if (store.exists(id) || Files.exists(store.bundleOf(id))) {
                throw BerthException.alreadyExists("container " + id + " already exists");
            }
            Container placeholder = store.newContainer(ContainerState.created(id, false, false, ""));
            store.register(placeholder);
        }
        List<Path> layers;
        Container container = store.newContainer(ContainerState.created(id, request.getConfig().getTty(),
                request.getConfig().getOpenStdin(), request.getConfig().getStopSignal()));
        try {
            layers = snapshots.prepare(request.getImageId());
            bundles.build(container, request, layers);
            store.update(container, container.state());
            store.register(container);
            return container;
        } catch (IOException | RuntimeException e) {
            store.forget(id);
            discardFiles(container);
            if (e instanceof BerthException ne) {
                throw ne;
            }
            throw BerthException.internal("cannot create container " + id + ": " + e.getMessage(), e);
        }
    }

    /** conmon + runc create + runc start; returns the running state. */
    public ContainerState start(String id) {
        Container container = store.get(id);
        container.lock().lock();
        try {
            if (container.state().isRunning()) {
                return container.state();
            }
            prepareRun(container);
            container.newRun();
            container.hub().expectRun();
            int conmonPid;
            try {
                conmonPid = conmon.launch(container);
            } catch (BerthException | IOException e) {
                abortRun(container);
                if (e instanceof BerthException ne) {
                    throw ne;
                }
                throw BerthException.internal("cannot start container " + id + ": " + e.getMessage(), e);
            }
            try {
                // Connect before runc start so attached clients get the output from its first byte.
                OutputPump.start(id, AttachSocket.connect(container.bundle()), container.hub());
            } catch (IOException e) {
                runc.delete(id, true);
                abortRun(container);
                throw BerthException.internal("cannot attach to container " + id + ": " + e.getMessage(), e);
            }
            ExternalCommand.Result started = runc.start(id);
            if (!started.ok()) {
                container.hub().disconnect();
                runc.delete(id, true);
                abortRun(container);
                throw BerthException.internal("runc start failed: " + started.output(), null);
            }
            int pid = readPid(container.pidFile());
            ContainerState running = container.state().running(pid, conmonPid, Instant.now());
            store.update(container, running);
            events.publish(NodeEventType.NODE_EVENT_TYPE_STARTED, running);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortRun(container);
            throw BerthException.internal("interrupted", e);
        } finally {
            container.lock().unlock();
        }
    }

    private void prepareRun(Container container) throws BerthException {
        try {
            bundles.remountIfNeeded(container);
            Trees.deleteRecursively(container.runDir());
            Files.createDirectories(container.runDir());
            Files.createDirectories(properties.exitDir());
            Files.deleteIfExists(properties.exitDir().resolve(container.id()));
            for (String stale : List.of("pidfile", "attach", "ctl", "winsz")) {
                Files.deleteIfExists(container.bundle().resolve(stale));
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot prepare container " + container.id() + ": " + e.getMessage(), e);
        }
    }

    /** A failed start leaves the container as it was (created or exited) and startable again. */
    private void abortRun(Container container) {
        container.hub().runFailed();
        try {
            Files.deleteIfExists(container.pidFile());
        } catch (IOException e) {
            log.debug("cannot delete pid file: {}", e.getMessage());
        }
    }

    /** Sends the stop signal; SIGKILL after the timeout (negative: never). Completes once exited. */
    public CompletableFuture<ContainerState> stop(String id, String signal, int timeoutSeconds) {
        Container container = store.get(id);
        CompletableFuture<ContainerState> exited;
        container.lock().lock();
        try {
            if (!container.state().isRunning()) {
                return CompletableFuture.completedFuture(container.state());
            }
            String requested = signal == null || signal.isBlank() ? container.state().stopSignal() : signal;
            int number = Signals.parse(requested, Signals.SIGTERM);
            exited = container.exit();
            runc.kill(id, number);
        } finally {
            container.lock().unlock();
        }
        if (timeoutSeconds >= 0) {
            CompletableFuture.delayedExecutor(timeoutSeconds, TimeUnit.SECONDS).execute(() -> {
                if (!exited.isDone()) {
                    runc.kill(id, Signals.SIGKILL);
                }
            });
        }
        return exited;
    }

    public void kill(String id, String signal) {
        Container container = store.get(id);
        int number = Signals.parse(signal, Signals.SIGKILL);
        container.lock().lock();
        try {
            if (!container.state().isRunning()) {
                throw BerthException.precondition("Container " + id + " is not running");
            }
            ExternalCommand.Result result = runc.kill(id, number);
            if (!result.ok() && container.state().isRunning() && !result.output().contains("not running")) {
                throw BerthException.internal("runc kill failed: " + result.output(), null);
            }
        } finally {
            container.lock().unlock();
        }
    }

    /** Records an exit found by the monitor; an exit of a container not running is ignored. */
    public void exited(String id, Integer exitCode, Instant finishedAt, boolean oomKilled, boolean lost) {
        Container container = store.find(id);
        if (container == null) {
            return;
        }
        container.lock().lock();
        try {
            if (!container.state().isRunning()) {
                return;
            }
            ContainerState state = container.state().exited(exitCode, notBeforeStart(container, finishedAt), oomKilled, lost);
            store.update(container, state);
            container.exit().complete(state);
            events.publish(NodeEventType.NODE_EVENT_TYPE_EXITED, state);
            // The overlay mount and upper dir stay: logs and a restart still need them until remove.
            if (!runc.delete(id, false).ok()) {
                runc.delete(id, true);
            }
            Files.deleteIfExists(properties.exitDir().resolve(id));
        } catch (IOException e) {
            log.debug("cannot delete exit file of {}: {}", id, e.getMessage());
        } finally {
            container.lock().unlock();
        }
    }

    /**
     * The exit file's time comes from the kernel's coarse clock and a fast process can exit before
     * {@code runc start} returns: never report a run as finished before it started.
     */
    private static Instant notBeforeStart(Container container, Instant finishedAt) {
        String startedAt = container.state().startedAt();
        if (startedAt == null) {
            return finishedAt;
        }
        Instant started = Instant.parse(startedAt);
        return finishedAt.isBefore(started) ? started : finishedAt;
    }

    public void remove(String id, boolean force) {
        Container container = store.find(id);
        if (container == null) {
            discardFiles(store.newContainer(ContainerState.created(id, false, false, "")));
            return;
        }
        CompletableFuture<ContainerState> exited = null;
        container.lock().lock();
        try {
            if (container.state().isRunning()) {
                if (!force) {
                    throw BerthException.precondition("You cannot remove a running container " + id
                            + ". Stop the container before attempting removal or force remove");
                }
                exited = container.exit();
                runc.kill(id, Signals.SIGKILL);
            }
        } finally {
            container.lock().unlock();
        }
        if (exited != null) {
            awaitQuietly(exited);
        }
        container.lock().lock();
        try {
            container.hub().close();
            // A finished run was deleted from runc when its exit was recorded (and a failed start
            // when it was aborted): only a killed run that did not finish in time is left to force.
            if (exited != null && !exited.isDone()) {
                runc.delete(id, true);
            }
            store.forget(id);
            discardFiles(container);
        } finally {
            container.lock().unlock();
        }
    }

    private void discardFiles(Container container) {
        Mounts.unmount(container.rootfs());
        try {
            Trees.deleteRecursively(container.bundle());
            Trees.deleteRecursively(container.runDir());
            Files.deleteIfExists(properties.exitDir().resolve(container.id()));
        } catch (IOException e) {
            log.warn("cannot delete files of {}: {}", container.id(), e.getMessage());
        }
    }

    private static void awaitQuietly(CompletableFuture<ContainerState> exited) {
        try {
            exited.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // removal goes on: runc delete --force kills what is left
        }
    }

    static int readPid(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Re-adopts a container found running by the live restore: reconnects its output. */
    public void adopt(Container container) {
        container.hub().expectRun();
        try {
            OutputPump.start(container.id(), AttachSocket.connect(container.bundle()), container.hub());
        } catch (IOException e) {
            container.hub().runFailed();
            log.warn("cannot reattach to {}: {}", container.id(), e.getMessage());
        }
    }
}

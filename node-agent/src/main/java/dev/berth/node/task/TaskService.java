package dev.berth.node.task;

import dev.berth.common.error.BerthException;
import dev.berth.node.bundle.Bundles;
import dev.berth.node.command.ExternalCommand;
import dev.berth.node.executor.ConmonRuntime;
import dev.berth.node.network.RunNetworking;
import dev.berth.node.snapshot.SnapshotStore;
import dev.berth.node.spec.ConfigRules;
import dev.berth.node.spec.OciSpecFactory;
import dev.berth.node.spec.security.SystemPaths;
import dev.berth.node.spec.Signals;
import dev.berth.node.exec.ExecStore;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerProcess;
import dev.berth.node.state.ContainerState;
import dev.berth.node.state.ContainerStore;
import dev.berth.node.state.ProcessExit;
import dev.berth.node.supervisor.EventBus;
import dev.berth.node.supervisor.Supervisor;
import dev.berth.node.resources.CgroupHost;
import dev.berth.node.resources.ResourceRules;
import dev.berth.node.resources.ResourceUpdate;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkAttachment;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The container lifecycle on this node (containerd's task service): create, start, stop, kill,
 * exit and remove. It runs on the supervisor's workers, follows the one locking rule of
 * {@link Container}, and leaves files to {@link Bundles} and processes to {@link ConmonRuntime}.
 * Work that must wait for an exit (SIGKILL after the stop timeout, the rest of a forced remove)
 * is queued as a task of its own instead of holding a worker.
 */
@Component
public class TaskService {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    private static final Pattern VALID_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    /** How long a forced remove waits for the killed process's exit before runc delete --force. */
    private static final Duration REMOVE_EXIT_WAIT = Duration.ofSeconds(30);

    private final ContainerStore store;
    private final SnapshotStore snapshots;
    private final Bundles bundles;
    private final ConmonRuntime runtime;
    private final EventBus events;
    private final Supervisor supervisor;
    private final ExecStore execs;
    private final RunNetworking networking;
    private final ResourceRules resourceRules = new ResourceRules(CgroupHost.read());

    TaskService(ContainerStore store, SnapshotStore snapshots, Bundles bundles, ConmonRuntime runtime,
                EventBus events, Supervisor supervisor, ExecStore execs, RunNetworking networking) {
        this.execs = execs;
        this.networking = networking;
        this.store = store;
        this.snapshots = snapshots;
        this.bundles = bundles;
        this.runtime = runtime;
        this.events = events;
        this.supervisor = supervisor;
    }

    /** A prepared container and the host config as this node applies it. */
    public record Created(Container container, HostConfig hostConfig) {
    }

    /**
     * Prepares the container (snapshot, writable layer, bundle) with its resources checked and
     * adjusted as Docker does for this host.
     */
    public Created create(NodeCreateRequest asked) {
        String id = asked.getContainerId();
        if (!VALID_ID.matcher(id).matches()) {
            throw BerthException.invalid("invalid container id: " + id);
        }
        OciSpecFactory.args(asked.getConfig()); // refuses an empty command early
        NodeCreateRequest request = asked.toBuilder()
                .setHostConfig(SystemPaths.fillDefaults(ConfigRules.apply(resourceRules.apply(asked.getHostConfig())).toBuilder())).build();
        Container container = store.newContainer(ContainerState.created(id, request.getConfig().getTty(),
                request.getConfig().getOpenStdin(), request.getConfig().getStopSignal()));
        if (Files.exists(container.bundle()) || !store.reserve(container)) {
            throw BerthException.alreadyExists("container " + id + " already exists");
        }
        return locked(container, () -> {
            try {
                List<Path> layers = snapshots.prepare(request.getImageId());
                bundles.build(container, request, layers);
                store.update(container, container.state());
                return new Created(container, request.getHostConfig());
            } catch (IOException | RuntimeException e) {
                store.forget(id);
                bundles.discard(container);
                if (e instanceof BerthException be) {
                    throw be;
                }
                throw BerthException.internal("cannot create container " + id + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * A new run of the main process (conmon + runc create + runc start) on {@code network} (null:
     * the default bridge, if its mode wants one) and the {@code connected} ones besides; returns
     * the running state.
     */
    public Started start(String id, NetworkAttachment network, List<NetworkAttachment> connected) {
        Container container = store.get(id);
        return locked(container, () -> {
            if (container.state().isRunning()) {
                return new Started(container.state(), networking.current(container));
            }
            try {
                bundles.prepareRun(container);
            } catch (IOException e) {
                throw BerthException.internal("cannot prepare container " + id + ": " + e.getMessage(), e);
            }
            // The process exists before conmon does: the monitor may see its exit file before we
            // return, and its exit task then waits for this lock.
            NetworkState joined = networking.connect(container, network, connected);
            long runId = container.state().nextRunId();
            container.newRun(runId);
            ConmonRuntime.Started started;
            try {
                started = runtime.startMain(container);
            } catch (InterruptedException e) {
                networking.disconnect(container);
                Thread.currentThread().interrupt();
                throw BerthException.internal("interrupted", e);
            } catch (RuntimeException e) {
                networking.disconnect(container);
                throw e;
            }
            ContainerState running = container.state().running(runId, started.pid(), started.conmonPid(), Instant.now());
            store.update(container, running);
            events.publish(NodeEventType.NODE_EVENT_TYPE_STARTED, running);
            return new Started(running, joined);
        });
    }

    /**
     * A run as started: its state, and its network as joined (null on the host's network or none),
     * given even when the run has ended already and taken its network down.
     */
    public record Started(ContainerState state, NetworkState network) {
    }

    /**
     * Sends the stop signal, and SIGKILL after the timeout (negative: never). Completes with the
     * state once the run's exit is recorded.
     */
    public CompletableFuture<ContainerState> stop(String id, String signal, int timeoutSeconds) {
        Container container = store.get(id);
        ContainerProcess main = locked(container, () -> {
            if (!container.state().isRunning()) {
                return null;
            }
            String requested = signal == null || signal.isBlank() ? container.state().stopSignal() : signal;
            runtime.signal(id, Signals.parse(requested, Signals.SIGTERM));
            runtime.resumeIfPaused(id);
            return container.mainProcess();
        });
        if (main == null) {
            return CompletableFuture.completedFuture(container.state());
        }
        if (timeoutSeconds >= 0) {
            supervisor.submitWhenDone(main.exit(), Duration.ofSeconds(timeoutSeconds), () -> killIfRunning(container, main))
                    .exceptionally(failure -> {
                        log.warn("SIGKILL after the stop timeout of {} failed: {}", id, failure.getMessage());
                        return null;
                    });
        }
        return main.exit().thenApply(exit -> container.state());
    }

    /** SIGKILL for a process that outlived its stop timeout (nothing if it has exited meanwhile). */
    private Void killIfRunning(Container container, ContainerProcess process) {
        locked(container, () -> {
            if (!process.hasExited() && process == container.mainProcess()) {
                runtime.signal(container.id(), Signals.SIGKILL);
                runtime.resumeIfPaused(container.id());
            }
            return null;
        });
        return null;
    }

    public void kill(String id, String signal) {
        Container container = store.get(id);
        int number = Signals.parse(signal, Signals.SIGKILL);
        locked(container, () -> {
            if (!container.state().isRunning()) {
                throw BerthException.precondition("Container " + id + " is not running");
            }
            ExternalCommand.Result result = runtime.signal(id, number);
            if (!result.ok() && container.state().isRunning() && !result.output().contains("not running")) {
                throw BerthException.internal("runc kill failed: " + result.output(), null);
            }
            if (thawsOnSignal(number, container.state().stopSignal())) {
                runtime.resumeIfPaused(id);
            }
            return null;
        });
    }

    /**
     * dockerd thaws a paused container after a signal that is meant to end it, so that it can act
     * on it: SIGKILL, the container's stop signal, or any signal when it has none configured.
     */
    static boolean thawsOnSignal(int signal, String stopSignal) {
        return signal == Signals.SIGKILL || stopSignal == null || stopSignal.isBlank()
                || Signals.parse(stopSignal, Signals.SIGTERM) == signal;
    }

    /** Whether the container's cgroup is frozen (`docker pause`). */
    public boolean isPaused(String id) {
        store.get(id);
        return runtime.isPaused(id);
    }

    /**
     * Records the exit of {@code process}, found by the monitor. Ignored unless it is the current
     * run's main process and still running: the monitor may report one exit more than once.
     */
    public void exited(Container container, ContainerProcess process, ProcessExit exit) {
        locked(container, () -> {
            if (process != container.mainProcess() || process.hasExited() || !container.state().isRunning()) {
                return null;
            }
            ContainerState state = container.state().exited(notBeforeStart(container, exit));
            store.update(container, state);
            // Off the network before the exit is told: a stop answered has freed its ports.
            networking.disconnect(container);
            process.exit().complete(exit);
            events.publish(NodeEventType.NODE_EVENT_TYPE_EXITED, state);
            // The overlay mount and upper dir stay: logs and a restart still need them until remove.
            runtime.delete(container.id());
            try {
                Files.deleteIfExists(process.exitFiles()[0]);
            } catch (IOException e) {
                log.debug("cannot delete exit file of {}: {}", container.id(), e.getMessage());
            }
            return null;
        });
    }

    /**
     * The exit file's time comes from the kernel's coarse clock and a fast process can exit before
     * {@code runc start} returns: never report a run as finished before it started.
     */
    private static ProcessExit notBeforeStart(Container container, ProcessExit exit) {
        String startedAt = container.state().startedAt();
        if (startedAt == null || !exit.finishedAt().isBefore(Instant.parse(startedAt))) {
            return exit;
        }
        return new ProcessExit(exit.code(), Instant.parse(startedAt), exit.oomKilled());
    }

    /**
     * Removes the container and its files. A running one is refused unless forced; forced, it is
     * killed and the removal goes on as a new task once its exit is recorded.
     */
    public CompletableFuture<Void> remove(String id, boolean force) {
        Container container = store.find(id);
        if (container == null) {
            bundles.discard(store.newContainer(ContainerState.created(id, false, false, "")));
            return CompletableFuture.completedFuture(null);
        }
        ContainerProcess killed = locked(container, () -> {
            if (!container.state().isRunning()) {
                discard(container, false);
                return null;
            }
            if (!force) {
                throw BerthException.precondition("You cannot remove a running container " + id
                        + ". Stop the container before attempting removal or force remove");
            }
            runtime.signal(id, Signals.SIGKILL);
            runtime.resumeIfPaused(id);
            return container.mainProcess();
        });
        if (killed == null) {
            return CompletableFuture.completedFuture(null);
        }
        return supervisor.submitWhenDone(killed.exit(), REMOVE_EXIT_WAIT, () -> locked(container, () -> {
            // A finished run was deleted from runc when its exit was recorded: only a killed run
            // that did not finish in time is left to force.
            discard(container, !killed.hasExited());
            return null;
        }));
    }

    private void discard(Container container, boolean forceRuntimeDelete) {
        container.hub().close();
        if (forceRuntimeDelete) {
            runtime.forceDelete(container.id());
        }
        networking.disconnect(container);
        store.forget(container.id());
        // Its execs go with it, as in Docker (their directories are in the container's run dir).
        execs.forgetContainer(container.id());
        bundles.discard(container);
    }

    /** Freezes the running container's processes (runc pause). */
    public void pause(String id) {
        runOnRunning(id, "pause", () -> runtime.pause(id));
    }

    /** Thaws a paused container (runc resume). */
    public void resume(String id) {
        runOnRunning(id, "resume", () -> runtime.resume(id));
    }

    private void runOnRunning(String id, String verb, Supplier<ExternalCommand.Result> call) {
        Container container = store.get(id);
        locked(container, () -> {
            if (!container.state().isRunning()) {
                throw BerthException.precondition("Container " + id + " is not running");
            }
            ExternalCommand.Result result = call.get();
            if (!result.ok()) {
                throw BerthException.internal("runc " + verb + " failed: " + result.output().strip(), null);
            }
            return null;
        });
    }

    /**
     * New resources (`docker update`), checked and adjusted as at create: written into the bundle
     * for later starts and, when the container runs, applied to its cgroup. Returns them as applied.
     */
    public HostConfig updateResources(String id, HostConfig asked) {
        Container container = store.get(id);
        HostConfig applied = resourceRules.applyUpdate(asked);
        return locked(container, () -> {
            try {
                if (container.state().isRunning()) {
                    Path file = container.runDir().resolve("resources.json");
                    Files.write(file, ResourceUpdate.toBytes(ResourceUpdate.resources(applied)));
                    ExternalCommand.Result result = runtime.update(id, file);
                    Files.deleteIfExists(file);
                    if (!result.ok()) {
                        throw BerthException.internal("Cannot update container " + id + ": "
                                + result.output().strip(), null);
                    }
                }
                ResourceUpdate.rewrite(container.bundle().resolve("config.json"), applied);
            } catch (IOException e) {
                throw BerthException.internal("Cannot update container " + id + ": " + e.getMessage(), e);
            }
            return applied;
        });
    }

    /** `docker network connect` of a running container; the run's networks after. */
    public NetworkState connectNetwork(String id, NetworkAttachment network) {
        Container container = store.get(id);
        return locked(container, () -> networking.connectRunning(container, network));
    }

    /** `docker network disconnect` of a running container from a network it joined besides its first. */
    public void disconnectNetwork(String id, String networkId) {
        Container container = store.get(id);
        locked(container, () -> {
            networking.disconnectRunning(container, networkId);
            return null;
        });
    }

    /** Re-adopts a container found running by the live restore: reconnects its output. */
    public void adopt(Container container) {
        locked(container, () -> {
            runtime.reattach(container);
            networking.restore(container);
            return null;
        });
    }

    private static <T> T locked(Container container, Supplier<T> action) {
        Lock lock = container.lock();
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}

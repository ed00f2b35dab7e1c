package dev.berth.container.lifecycle;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.berth.container.restart.PolicyRestarts;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.waiting.ContainerWaits;
import dev.berth.container.waiting.WaitRegistry;

/**
 * Records process exits, whoever reports them first (the node's event stream or a stop's
 * answer): persists {@code exited} (or {@code restarting}, when the restart policy brings it back),
 * answers waiters, then removes auto-remove containers.
 * Exits are matched to runs by the node's run id: the exit of a run already recorded, or of a
 * run older than the latest one started, is ignored.
 */
@Component
public class ExitRecorder {

    private static final Logger log = LoggerFactory.getLogger(ExitRecorder.class);

    private final ContainerRepository containers;
    private final ContainerGuard guard;
    private final StateStore store;
    private final WaitRegistry waiters;
    private final ContainerRemoval removal;
    private final Executor background;
    private final PolicyRestarts restarts;
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();

    public ExitRecorder(ContainerRepository containers, ContainerGuard guard, StateStore store,
            WaitRegistry waiters, ContainerRemoval removal, @Qualifier("lifecycleExecutor") Executor background,
            PolicyRestarts restarts) {
        this.restarts = restarts;
        this.containers = containers;
        this.guard = guard;
        this.store = store;
        this.waiters = waiters;
        this.removal = removal;
        this.background = background;
    }

    /** True when this exit was new and got recorded. */
    public boolean record(String containerId, Exit exit) {
        ContainerRow recorded = guard.apply(containerId, () -> persist(containerId, exit));
        if (recorded == null) {
            return false;
        }
        if (autoRemove(recorded) && !restarting.contains(containerId)) {
            background.execute(() -> removal.autoRemove(containerId));
        }
        return true;
    }

    private ContainerRow persist(String containerId, Exit exit) {
        ContainerRow row = containers.findById(containerId).orElse(null);
        if (row == null) {
            return null;
        }
        State state = State.of(row.status());
        if (isStale(row, exit)) {
            return null;
        }
        if (state == State.REMOVING) {
            // Keep the code for the "removed" waiters; the status stays removing.
            store.update(withExit(row, exit).withStatus(State.REMOVING.dockerName()), "die", Map.of("exitCode", Integer.toString(exit.code())));
            return null;
        }
        if (state != State.EXITED && !Transitions.isLegal(state, State.EXITED)) {
            return null;
        }
        ContainerRow exited = withExit(row, exit);
        boolean restart = restarts.restartsAfter(exited);
        ContainerRow saved = store.update(restart ? exited.withStatus(State.RESTARTING.dockerName()) : exited,
                "die", Map.of("exitCode", Integer.toString(exit.code())));
        waiters.exited(containerId, ContainerWaits.resultOf(saved));
        if (restart) {
            restarts.schedule(saved);
        }
        log.debug("container {} exited with {}", containerId, exit.code());
        return saved;
    }

    /**
     * An exit of a run whose exit is recorded already (reported twice: by a stop's answer and
     * the event stream), or of a run before the latest one started (say, a stop's exit reported
     * again after the restart). The exit of a run newer than the latest start recorded is new:
     * a fast process can exit before its start is answered.
     */
    static boolean isStale(ContainerRow row, Exit exit) {
        return exit.runId() <= row.exitedRunId() || exit.runId() < row.runId();
    }

    static ContainerRow withExit(ContainerRow row, Exit exit) {
        return row.withExit(exit.runId(), exit.code(), exit.finishedAt(), exit.oomKilled(), exit.error());
    }

    /** Runs {@code action} (a restart) with auto-removal suspended, as Docker does. */
    public <T> T withoutAutoRemove(String containerId, Supplier<T> action) {
        restarting.add(containerId);
        try {
            return action.get();
        } finally {
            restarting.remove(containerId);
        }
    }

    static boolean autoRemove(ContainerRow row) {
        return ProtoJson.readHostConfig(row.hostConfig()).getAutoRemove();
    }
}

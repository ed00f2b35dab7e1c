package dev.berth.container.lifecycle;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.StopIntent;

/**
 * Records what a user's stop or kill asks of the restart policy before the signal goes out, so
 * that the exit it causes is read with it. A container waiting for a policy restart has no
 * process to signal: a stop (or kill) cancels the restart there and then.
 */
@Component
public class StopIntentRecorder {

    private final ContainerLookup lookup;
    private final ContainerGuard guard;
    private final StateStore store;

    public StopIntentRecorder(ContainerLookup lookup, ContainerGuard guard, StateStore store) {
        this.lookup = lookup;
        this.guard = guard;
        this.store = store;
    }

    /** True when the container was waiting for a restart, so that nothing is left to signal. */
    public boolean record(String containerId, StopIntent intent) {
        return guard.apply(containerId, () -> {
            ContainerRow row = lookup.current(containerId).orElse(null);
            if (row == null) {
                return false;
            }
            boolean restarting = State.of(row.status()) == State.RESTARTING;
            if (restarting && intent == StopIntent.STOPPED) {
                store.update(row.withStopIntent(intent).withStatus(State.EXITED.dockerName()), "stop", Map.of());
            } else if (row.stopIntent() != intent && !(intent == StopIntent.MANUAL && row.stopIntent() == StopIntent.STOPPED)) {
                store.save(row.withStopIntent(intent));
            }
            return restarting;
        });
    }
}

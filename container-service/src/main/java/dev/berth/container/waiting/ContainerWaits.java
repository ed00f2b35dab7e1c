package dev.berth.container.waiting;

import org.springframework.stereotype.Component;

import dev.berth.container.lifecycle.ContainerGuard;
import dev.berth.container.lifecycle.State;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.store.ContainerRow;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitResult;

/** Starts a wait: registers it, then answers at once when the condition already holds. */
@Component
public class ContainerWaits {

    private final ContainerLookup lookup;
    private final ContainerGuard guard;
    private final WaitRegistry registry;

    public ContainerWaits(ContainerLookup lookup, ContainerGuard guard, WaitRegistry registry) {
        this.lookup = lookup;
        this.guard = guard;
        this.registry = registry;
    }

    public WaitRegistry.Waiter begin(String ref, WaitCondition condition) {
        ContainerRow found = lookup.resolve(ref);
        return guard.apply(found.id(), () -> {
            WaitRegistry.Waiter waiter = registry.register(found.id(), condition);
            ContainerRow current = lookup.current(found.id()).orElse(null);
            if (current == null) {
                registry.complete(waiter, resultOf(found));
            } else if (waiter.condition() == WaitCondition.WAIT_CONDITION_NOT_RUNNING
                    && !State.of(current.status()).hasProcess()) {
                registry.complete(waiter, resultOf(current));
            }
            return waiter;
        });
    }

    public void cancel(WaitRegistry.Waiter waiter) {
        registry.cancel(waiter);
    }

    /**
     * The exit code, and the error only for an exit of a run (a lost exit code): a start that
     * failed is reported by the start request itself, and Docker's waiters get no error for it.
     */
    public static WaitResult resultOf(ContainerRow row) {
        WaitResult.Builder result = WaitResult.newBuilder().setExitCode(row.exitCode());
        if (State.of(row.status()) == State.EXITED) {
            result.setError(row.error());
        }
        return result.build();
    }
}

package dev.berth.container.waiting;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitResult;

/**
 * In-memory waiters of this replica, by container id. Callers notify while holding the
 * container's {@code ContainerGuard} lock, and register under it too, so a waiter either
 * sees a state change in the database or is notified of it, never neither.
 */
@Component
public class WaitRegistry {

    /** One registered wait; {@link #result()} completes once, when its condition holds. */
    public record Waiter(String containerId, WaitCondition condition, CompletableFuture<WaitResult> result) {
    }

    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    public Waiter register(String containerId, WaitCondition condition) {
        WaitCondition effective = condition == WaitCondition.WAIT_CONDITION_UNSPECIFIED
                || condition == WaitCondition.UNRECOGNIZED ? WaitCondition.WAIT_CONDITION_NOT_RUNNING : condition;
        Waiter waiter = new Waiter(containerId, effective, new CompletableFuture<>());
        waiters.computeIfAbsent(containerId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    public void cancel(Waiter waiter) {
        waiters.computeIfPresent(waiter.containerId(), (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    public void complete(Waiter waiter, WaitResult result) {
        cancel(waiter);
        waiter.result().complete(result);
    }

    /** The process exited: "not-running" and "next-exit" waiters answer. */
    public void exited(String containerId, WaitResult result) {
        Set<Waiter> set = waiters.get(containerId);
        if (set == null) {
            return;
        }
        for (Waiter waiter : Set.copyOf(set)) {
            if (waiter.condition() != WaitCondition.WAIT_CONDITION_REMOVED) {
                complete(waiter, result);
            }
        }
    }

    /** The row is gone: every waiter answers. */
    public void removed(String containerId, WaitResult result) {
        Set<Waiter> set = waiters.remove(containerId);
        if (set != null) {
            set.forEach(waiter -> waiter.result().complete(result));
        }
    }

    int count(String containerId) {
        Set<Waiter> set = waiters.get(containerId);
        return set == null ? 0 : set.size();
    }
}

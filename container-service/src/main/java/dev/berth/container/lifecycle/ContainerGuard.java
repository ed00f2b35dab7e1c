package dev.berth.container.lifecycle;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Serialises the read-modify-write of one container's row in this replica (striped locks),
 * and retries when another replica changed the row first (optimistic locking on
 * {@code version}). The action must re-read the row it changes.
 */
@Component
public class ContainerGuard {

    private static final int STRIPES = 64;
    private static final int ATTEMPTS = 5;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ContainerGuard() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public <T> T apply(String containerId, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(containerId.hashCode(), STRIPES)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return action.get();
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS || !isOptimisticLockFailure(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public void run(String containerId, Runnable action) {
        apply(containerId, () -> {
            action.run();
            return null;
        });
    }

    private static boolean isOptimisticLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockingFailureException) {
                return true;
            }
        }
        return false;
    }
}

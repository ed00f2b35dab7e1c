package dev.berth.node.supervisor;

import dev.berth.node.config.NodeProperties;
import dev.berth.common.error.BerthException;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runtime requests become tasks on a bounded queue, executed by a fixed pool of workers (as in
 * containerd's supervisor). A full queue refuses the task (RESOURCE_EXHAUSTED) instead of blocking.
 */
@Component
public class Supervisor {

    private final ThreadPoolExecutor workers;

    @Autowired
    public Supervisor(NodeProperties properties) {
        this(properties.workers(), properties.queueCapacity());
    }

    Supervisor(int workerCount, int queueCapacity) {
        AtomicInteger number = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "supervisor-worker-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues the task; the future completes with its result or its failure. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BerthException(BerthException.Kind.RESOURCE_EXHAUSTED,
                    "node-agent is busy: task queue is full"));
        }
        return result;
    }

    public int queuedTasks() {
        return workers.getQueue().size();
    }

    public int activeTasks() {
        return workers.getActiveCount();
    }

    @PreDestroy
    public void shutdown() {
        workers.shutdownNow();
    }
}

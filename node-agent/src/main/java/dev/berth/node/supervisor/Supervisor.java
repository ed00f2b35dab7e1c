package dev.berth.node.supervisor;

import dev.berth.node.config.NodeProperties;
import dev.berth.common.error.BerthException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runtime requests become tasks on a bounded queue, executed by a fixed pool of workers (as in
 * containerd's supervisor). A full queue refuses the task (RESOURCE_EXHAUSTED) instead of blocking.
 * Delayed work (a SIGKILL after the stop timeout) waits on one timer thread, which only queues it:
 * every task runs on the workers.
 */
@Component
public class Supervisor {

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "supervisor-timer");
        thread.setDaemon(true);
        return thread;
    });

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

    /** Queues the task once {@code delay} has passed. */
    public <T> CompletableFuture<T> schedule(Duration delay, Callable<T> task) {
        return submitWhenDone(new CompletableFuture<>(), delay, task);
    }

    /**
     * Queues the task once {@code event} completed (either way) or {@code atMost} passed, whichever
     * comes first: a worker never sits waiting for an event that a queued task may be the one to cause.
     */
    public <T> CompletableFuture<T> submitWhenDone(CompletableFuture<?> event, Duration atMost, Callable<T> task) {
        CompletableFuture<Void> due = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(() -> due.complete(null), atMost.toMillis(), TimeUnit.MILLISECONDS);
        event.whenComplete((value, failure) -> {
            deadline.cancel(false);
            due.complete(null);
        });
        return due.thenCompose(ignored -> submit(task));
    }

    public int queuedTasks() {
        return workers.getQueue().size();
    }

    public int activeTasks() {
        return workers.getActiveCount();
    }

    @PreDestroy
    public void shutdown() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}

package dev.berth.node.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.common.error.BerthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private Supervisor supervisor;

    @AfterEach
    void shutdown() {
        supervisor.shutdown();
    }

    @Test
    void submit_runsTaskAndCompletesWithResult() throws Exception {
        supervisor = new Supervisor(2, 4);
        assertThat(supervisor.submit(() -> 42).get(5, TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Test
    void submit_failure_completesExceptionally() {
        supervisor = new Supervisor(1, 1);
        CompletableFuture<Object> result = supervisor.submit(() -> {
            throw BerthException.invalid("bad");
        });
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BerthException.class);
    }

    @Test
    void submit_fullQueue_isResourceExhaustedNotABlock() throws Exception {
        supervisor = new Supervisor(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        supervisor.submit(() -> {
            running.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> queued = supervisor.submit(() -> 1);
        CompletableFuture<Integer> refused = supervisor.submit(() -> 2);
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(BerthException.class)
                .cause().satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(BerthException.Kind.RESOURCE_EXHAUSTED));
        assertThat(supervisor.queuedTasks()).isEqualTo(1);
        release.countDown();
        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void submit_usesAtMostTheFixedWorkerCount() throws Exception {
        supervisor = new Supervisor(3, 100);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(3);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            results.add(supervisor.submit(() -> {
                int now = concurrent.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                gate.countDown();
                gate.await(5, TimeUnit.SECONDS); // the first three overlap, proving the pool is used
                concurrent.decrementAndGet();
                return n;
            }));
        }
        for (int i = 0; i < 12; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void submitWhenDone_eventCompletes_runsTaskOnAWorker() throws Exception {
        supervisor = new Supervisor(1, 4);
        CompletableFuture<String> exited = new CompletableFuture<>();
        CompletableFuture<String> after = supervisor.submitWhenDone(exited, Duration.ofMinutes(1),
                () -> Thread.currentThread().getName());

        assertThat(after).isNotDone();
        exited.complete("exit");

        assertThat(after.get(5, TimeUnit.SECONDS)).startsWith("supervisor-worker-");
    }

    @Test
    void submitWhenDone_eventNeverCompletes_runsTaskAtTheDeadline() throws Exception {
        supervisor = new Supervisor(1, 4);
        long started = System.nanoTime();

        Integer result = supervisor.submitWhenDone(new CompletableFuture<>(), Duration.ofMillis(100), () -> 7)
                .get(5, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(7);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void schedule_runsAfterTheDelay() throws Exception {
        supervisor = new Supervisor(1, 4);
        long started = System.nanoTime();

        supervisor.schedule(Duration.ofMillis(50), () -> 1).get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }
}

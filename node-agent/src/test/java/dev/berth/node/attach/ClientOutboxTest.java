package dev.berth.node.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientOutboxTest {

    /** A client whose transport is ready only when the test says so. */
    private static final class FakeClient implements ClientOutbox.Client<String> {
        volatile boolean ready = true;
        final List<String> sent = new ArrayList<>();
        boolean completed;
        Throwable failure;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public synchronized void send(String item) {
            sent.add(item);
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }

        @Override
        public synchronized void fail(Throwable reason) {
            failure = reason;
        }
    }

    private static ClientOutbox<String> outbox(FakeClient client, long backlogLimit, long liveLimit) {
        return new ClientOutbox<>(client, String::length, backlogLimit, liveLimit);
    }

    @Test
    void offer_slowClientIsDroppedAlone_fastClientGetsEverything() {
        FakeClient fast = new FakeClient();
        FakeClient slow = new FakeClient();
        slow.ready = false;
        ClientOutbox<String> fastBox = outbox(fast, 100, 10);
        ClientOutbox<String> slowBox = outbox(slow, 100, 10);
        fastBox.backlogDone();
        slowBox.backlogDone();

        List<Boolean> slowAccepted = new ArrayList<>();
        for (String chunk : List.of("aaaa", "bbbb", "cccc", "dddd")) {
            assertThat(fastBox.offer(chunk)).isTrue();
            slowAccepted.add(slowBox.offer(chunk));
        }
        fastBox.close();

        assertThat(fast.sent).containsExactly("aaaa", "bbbb", "cccc", "dddd");
        assertThat(fast.completed).isTrue();
        assertThat(slowAccepted).containsExactly(true, true, false, false);
        assertThat(slow.sent).isEmpty();
        assertThat(slow.failure).isInstanceOfSatisfying(BerthException.class, e -> {
            assertThat(e.kind()).isEqualTo(BerthException.Kind.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).isEqualTo("attach client too slow: more than 10 bytes of output waiting for it");
        });
        assertThat(slowBox.queuedBytes()).isZero();
    }

    @Test
    void offer_clientThatCatchesUpInTime_losesNothing() {
        FakeClient client = new FakeClient();
        client.ready = false;
        ClientOutbox<String> box = outbox(client, 100, 10);
        box.backlogDone();

        box.offer("aaaa");
        box.offer("bbbb");
        client.ready = true;
        box.drain();
        box.offer("cccc");

        assertThat(client.sent).containsExactly("aaaa", "bbbb", "cccc");
        assertThat(client.failure).isNull();
    }

    @Test
    void liveOutput_waitsBehindTheBacklog() {
        FakeClient client = new FakeClient();
        ClientOutbox<String> box = outbox(client, 100, 100);

        box.offer("live");
        assertThat(client.sent).isEmpty();
        putBacklog(box, "ready");
        putBacklog(box, "logged");
        box.backlogDone();
        box.close();

        assertThat(client.sent).containsExactly("ready", "logged", "live");
        assertThat(client.completed).isTrue();
    }

    @Test
    void putBacklog_fullBacklog_waitsForTheClient() throws Exception {
        FakeClient client = new FakeClient();
        client.ready = false;
        ClientOutbox<String> box = outbox(client, 4, 100);
        Thread producer = new Thread(() -> {
            for (String item : List.of("1111", "2222", "3333")) {
                putBacklog(box, item);
            }
        });
        producer.start();

        awaitState(producer, Thread.State.WAITING);
        assertThat(box.queuedBytes()).isEqualTo(4);
        client.ready = true;
        box.drain();
        producer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(producer.isAlive()).isFalse();
        assertThat(client.sent).containsExactly("1111", "2222", "3333");
    }

    @Test
    void cancel_wakesAWaitingProducerAndStopsIt() throws Exception {
        FakeClient client = new FakeClient();
        client.ready = false;
        ClientOutbox<String> box = outbox(client, 4, 100);
        List<Boolean> results = new ArrayList<>();
        Thread producer = new Thread(() -> {
            try {
                results.add(box.putBacklog("1111"));
                results.add(box.putBacklog("2222"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        awaitState(producer, Thread.State.WAITING);

        box.cancel();
        producer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(results).containsExactly(true, false);
        assertThat(box.isFinished()).isTrue();
        assertThat(client.sent).isEmpty();
        assertThat(client.completed).isFalse();
    }

    private static void putBacklog(ClientOutbox<String> box, String item) {
        try {
            box.putBacklog(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (bounded) until the thread parks in the outbox's wait. */
    private static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != state && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState()).isEqualTo(state);
    }
}

package dev.berth.node.attach;

import dev.berth.common.error.BerthException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * What waits to be sent to one client of a container's output, so that a slow client holds up
 * nobody but itself. Two lanes, sent in this order:
 * <ul>
 *   <li>the backlog (the answer's first message, logs read from the file): its producer has a
 *       thread of its own and waits in {@link #putBacklog} while the backlog is full;
 *   <li>live output from the output pump: {@link #offer} never blocks; a client more than
 *       {@code liveLimitBytes} behind is dropped, alone.
 * </ul>
 * Items are sent by {@link #drain}, the on-ready loop: called when the client's transport turns
 * ready and after each item added, it sends while the transport is ready, one drainer at a time.
 */
public final class ClientOutbox<T> {

    /** The client's transport (a gRPC server stream). Calls are never concurrent. */
    public interface Client<T> {
        boolean isReady();

        void send(T item);

        /** Everything was sent and nothing more will come. */
        void complete();

        /** The client is dropped (too slow, or failed); what was queued is discarded. */
        void fail(Throwable reason);
    }

    private final Client<T> client;
    private final ToIntFunction<T> sizeOf;
    private final long backlogLimitBytes;
    private final long liveLimitBytes;
    private final Deque<T> backlog = new ArrayDeque<>();
    private final Deque<T> live = new ArrayDeque<>();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private long backlogBytes;
    private long liveBytes;
    private boolean backlogDone;
    private boolean closed;
    private Throwable failure;
    private boolean finished;

    public ClientOutbox(Client<T> client, ToIntFunction<T> sizeOf, long backlogLimitBytes, long liveLimitBytes) {
        this.client = client;
        this.sizeOf = sizeOf;
        this.backlogLimitBytes = backlogLimitBytes;
        this.liveLimitBytes = liveLimitBytes;
    }

    /**
     * Adds a backlog item, waiting while the backlog is full (an item larger than the limit waits
     * for an empty backlog). False when the client is gone: stop producing.
     */
    public boolean putBacklog(T item) throws InterruptedException {
        int size = sizeOf.applyAsInt(item);
        synchronized (this) {
            while (!finished && backlogBytes > 0 && backlogBytes + size > backlogLimitBytes) {
                wait();
            }
            if (finished || backlogDone) {
                return false;
            }
            backlog.addLast(item);
            backlogBytes += size;
        }
        drain();
        return true;
    }

    /** The backlog is complete: live output follows it. */
    public void backlogDone() {
        synchronized (this) {
            backlogDone = true;
        }
        drain();
    }

    /** Adds live output without ever blocking. False when the client was too far behind and is dropped. */
    public boolean offer(T item) {
        int size = sizeOf.applyAsInt(item);
        boolean kept;
        synchronized (this) {
            if (finished || closed) {
                return !finished;
            }
            kept = liveBytes + size <= liveLimitBytes;
            if (kept) {
                live.addLast(item);
                liveBytes += size;
            } else {
                dropLocked(new BerthException(BerthException.Kind.RESOURCE_EXHAUSTED,
                        "attach client too slow: more than " + liveLimitBytes + " bytes of output waiting for it"));
            }
        }
        drain();
        return kept;
    }

    /** Nothing more will be added: the client completes once the queued items are sent. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        drain();
    }

    /** Drops the client now, with {@code reason}. */
    public void fail(Throwable reason) {
        synchronized (this) {
            dropLocked(reason);
        }
        drain();
    }

    /** The client left: everything queued is discarded, a waiting producer wakes up. */
    public synchronized void cancel() {
        finished = true;
        backlog.clear();
        live.clear();
        notifyAll();
    }

    /** Completed, failed or cancelled: producers stop. */
    public synchronized boolean isFinished() {
        return finished || failure != null;
    }

    public synchronized long queuedBytes() {
        return backlogBytes + liveBytes;
    }

    private void dropLocked(Throwable reason) {
        if (failure == null && !finished) {
            failure = reason;
            backlog.clear();
            live.clear();
            backlogBytes = 0;
            liveBytes = 0;
            notifyAll();
        }
    }

    /** Sends while the client is ready; a call while another thread drains makes that one go round again. */
    public void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            sendWhileReady();
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void sendWhileReady() {
        while (true) {
            T next;
            Throwable failed;
            boolean complete;
            synchronized (this) {
                if (finished) {
                    return;
                }
                failed = failure;
                next = failed == null && client.isReady() ? poll() : null;
                complete = failed == null && next == null && closed && backlogDone && backlog.isEmpty() && live.isEmpty();
                if (failed != null || complete) {
                    finished = true;
                    notifyAll();
                }
            }
            if (failed != null) {
                client.fail(failed);
                return;
            }
            if (complete) {
                client.complete();
                return;
            }
            if (next == null) {
                return;
            }
            client.send(next);
        }
    }

    private T poll() {
        if (!backlog.isEmpty()) {
            T item = backlog.removeFirst();
            backlogBytes -= sizeOf.applyAsInt(item);
            notifyAll();
            return item;
        }
        if (!backlogDone || live.isEmpty()) {
            return null;
        }
        T item = live.removeFirst();
        liveBytes -= sizeOf.applyAsInt(item);
        return item;
    }
}

package dev.berth.container.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.berth.proto.v1.EngineEvent;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One watcher: subscribes first, then replays the stored events, then the live ones that
 * arrived meanwhile minus those the replay sent (by seq), then live ones as they come. So no
 * event falls between replay and live, and none is sent twice.
 */
final class EventWatch implements Consumer<EngineEvent> {

    private final ServerCallStreamObserver<EngineEvent> out;
    private final EventMatcher matcher;
    private final long sinceNano;
    private final long untilNano;
    private List<EngineEvent> pending = new ArrayList<>();
    private Runnable unsubscribe = () -> { };
    private boolean closed;

    EventWatch(ServerCallStreamObserver<EngineEvent> out, EventMatcher matcher, long sinceNano, long untilNano) {
        this.out = out;
        this.matcher = matcher;
        this.sinceNano = sinceNano;
        this.untilNano = untilNano;
    }

    synchronized void subscribed(Runnable unsubscribe) {
        this.unsubscribe = unsubscribe;
        if (closed) {
            unsubscribe.run();
        }
    }

    @Override
    public synchronized void accept(EngineEvent event) {
        if (closed) {
            return;
        }
        if (pending != null) {
            pending.add(event);
        } else {
            send(event);
        }
    }

    /** Sends the stored events, then what arrived live meanwhile; live from here on. */
    synchronized void replay(List<EngineEvent> stored) {
        Set<Long> replayed = new HashSet<>();
        for (EngineEvent event : stored) {
            replayed.add(event.getSeq());
            send(event);
        }
        List<EngineEvent> meanwhile = pending;
        pending = null;
        for (EngineEvent event : meanwhile) {
            if (!replayed.contains(event.getSeq())) {
                send(event);
            }
        }
    }

    /** The end: {@code until} reached, or the stored events were all that was asked for. */
    synchronized void complete() {
        if (!closed) {
            close();
            out.onCompleted();
        }
    }

    /** The caller went away. */
    synchronized void close() {
        closed = true;
        unsubscribe.run();
    }

    private void send(EngineEvent event) {
        if (closed || event.getTimeNano() < sinceNano || (untilNano > 0 && event.getTimeNano() > untilNano)
                || !matcher.matches(event)) {
            return;
        }
        try {
            out.onNext(event);
        } catch (RuntimeException e) {
            close();
        }
    }
}

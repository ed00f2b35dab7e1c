package dev.berth.container.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.EngineEvent;
import io.grpc.stub.ServerCallStreamObserver;

class EventWatchTest {

    private final Recorder out = new Recorder();

    @Test
    void replay_thenWhatArrivedMeanwhile_eachOnce() {
        EventWatch watch = new EventWatch(out, new EventMatcher(List.of()), 1, 0);
        watch.accept(event(2));
        watch.accept(event(3));
        watch.replay(List.of(event(1), event(2)));
        watch.accept(event(4));
        assertThat(out.seqs()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void replay_anEventCommittedOutOfSeqOrder_isNotLost() {
        EventWatch watch = new EventWatch(out, new EventMatcher(List.of()), 1, 0);
        watch.accept(event(5));
        watch.accept(event(4));
        watch.replay(List.of(event(5)));
        assertThat(out.seqs()).containsExactly(5L, 4L);
    }

    @Test
    void send_outsideSinceAndUntil_isSkipped() {
        EventWatch watch = new EventWatch(out, new EventMatcher(List.of()), 20, 30);
        watch.replay(List.of(event(1, 10), event(2, 25)));
        watch.accept(event(3, 31));
        assertThat(out.seqs()).containsExactly(2L);
    }

    @Test
    void close_unsubscribes_andNothingIsSentAfter() {
        EventWatch watch = new EventWatch(out, new EventMatcher(List.of()), 1, 0);
        boolean[] unsubscribed = new boolean[1];
        watch.subscribed(() -> unsubscribed[0] = true);
        watch.replay(List.of());
        watch.close();
        watch.accept(event(1));
        assertThat(unsubscribed[0]).isTrue();
        assertThat(out.seqs()).isEmpty();
    }

    @Test
    void complete_endsTheStreamOnce() {
        EventWatch watch = new EventWatch(out, new EventMatcher(List.of()), 1, 0);
        watch.replay(List.of());
        watch.complete();
        watch.complete();
        assertThat(out.completions).isEqualTo(1);
    }

    private static EngineEvent event(long seq) {
        return event(seq, 100 + seq);
    }

    private static EngineEvent event(long seq, long timeNano) {
        return EngineEvent.newBuilder().setSeq(seq).setType("container").setAction("start").setActorId("c")
                .setTimeNano(timeNano).build();
    }

    private static final class Recorder extends ServerCallStreamObserver<EngineEvent> {
        final List<EngineEvent> sent = new ArrayList<>();
        int completions;

        List<Long> seqs() {
            return sent.stream().map(EngineEvent::getSeq).toList();
        }

        @Override
        public void onNext(EngineEvent value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
            completions++;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }
    }
}

package dev.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.EngineEvent;
import dev.berth.proto.v1.EngineEventFilter;
import dev.berth.proto.v1.EngineEventsGrpc;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WatchEngineEventsRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

/** The event log of a whole container-service on H2: stored for since, streamed live, each event once. */
class EngineEventsServiceTest {

    @TempDir
    static Path dataRoot;

    static FakeNodeAgent node;
    static ServiceHarness service;

    @BeforeAll
    static void startService() throws Exception {
        node = new FakeNodeAgent();
        service = new ServiceHarness(dataRoot, node.address());
        Eventually.await("the event stream", () -> node.watcherCount() == 1);
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
        node.close();
    }

    @Test
    void watch_sinceUntil_replaysALifecycleInDockersOrder_withItsAttributes() {
        long since = nowNano();
        String name = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        Container created = service.blocking().createContainer(CreateContainerRequest.newBuilder().setName(name)
                .setConfig(ContainerConfig.newBuilder().setImage("busybox").addCmd("exit").addCmd("3")
                        .putLabels("tier", "front"))
                .setHostConfig(HostConfig.newBuilder().setAutoRemove(true)).build());
        WaitStream removed = WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_REMOVED);
        service.blocking().startContainer(ContainerRef.newBuilder().setRef(created.getId()).build());
        assertThat(removed.result().getExitCode()).isEqualTo(3);

        List<EngineEvent> events = stored(since, nowNano(), filter("container", name));

        assertThat(events).extracting(EngineEvent::getAction).containsExactly("create", "start", "die", "destroy");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getType()).isEqualTo("container");
            assertThat(event.getActorId()).isEqualTo(created.getId());
            assertThat(event.getAttributesMap()).containsEntry("name", name).containsEntry("image", "busybox")
                    .containsEntry("tier", "front");
        });
        assertThat(events.get(2).getAttributesMap()).containsEntry("exitCode", "3").containsKey("execDuration");
        assertThat(events).extracting(EngineEvent::getSeq).isSorted();
    }

    @Test
    void watch_fromSince_givesStoredThenLive_eachOnce_andEndsWhenCancelled() throws Exception {
        long since = nowNano();
        publish("image", "tag", "sha256:one");
        List<EngineEvent> received = new CopyOnWriteArrayList<>();
        Context.CancellableContext call = Context.current().withCancellation();
        int listenersBefore = watchers();
        call.run(() -> EngineEventsGrpc.newStub(service.channel).watchEngineEvents(
                WatchEngineEventsRequest.newBuilder().setSinceNano(since).addFilters(filter("type", "image")).build(),
                new Collecting(received)));
        Eventually.await("the watch", () -> watchers() == listenersBefore + 1);
        publish("image", "untag", "sha256:one");
        publish("container", "pause", "not-a-container");
        Eventually.await("the live untag", () -> received.size() == 2);

        assertThat(received).extracting(EngineEvent::getAction).containsExactly("tag", "untag");

        call.cancel(null);
        Eventually.await("the watch to end", () -> watchers() == listenersBefore);
    }

    @Test
    void watch_untilInThePast_endsAfterTheStoredEvents() {
        long since = nowNano();
        publish("image", "delete", "sha256:two");
        long until = nowNano();
        publish("image", "delete", "sha256:three");

        assertThat(stored(since, until, filter("type", "image"))).extracting(EngineEvent::getActorId)
                .containsExactly("sha256:two");
    }

    @Test
    void watch_untilInTheFuture_streamsLiveUntilThen_andEnds() {
        long since = nowNano();
        long until = since + 1_500_000_000L;
        Iterator<EngineEvent> events = EngineEventsGrpc.newBlockingStub(service.channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .watchEngineEvents(WatchEngineEventsRequest.newBuilder().setSinceNano(since).setUntilNano(until)
                        .addFilters(filter("event", "load")).build());
        // stored or live, whichever the watch finds it as: since covers the race with its subscription
        publish("image", "load", "sha256:four");

        assertThat(events.next().getActorId()).isEqualTo("sha256:four");
        assertThat(events.hasNext()).as("the stream ends at until").isFalse();
        assertThat(nowNano()).isGreaterThanOrEqualTo(until);
    }

    @Test
    void publish_containerEvent_getsTheContainersAttributes() {
        long since = nowNano();
        String name = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        Container created = service.blocking().createContainer(CreateContainerRequest.newBuilder().setName(name)
                .setConfig(ContainerConfig.newBuilder().setImage("busybox").addCmd("sleep")).build());
        EngineEventsGrpc.newBlockingStub(service.channel).publishEngineEvent(EngineEvent.newBuilder()
                .setType("container").setAction("attach").setActorId(created.getId()).build());

        List<EngineEvent> attach = stored(since, nowNano(), filter("event", "attach"));

        assertThat(attach).hasSize(1);
        assertThat(attach.get(0).getAttributesMap()).containsEntry("name", name).containsEntry("image", "busybox");
    }

    private static List<EngineEvent> stored(long since, long until, EngineEventFilter filter) {
        Iterator<EngineEvent> events = EngineEventsGrpc.newBlockingStub(service.channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .watchEngineEvents(WatchEngineEventsRequest.newBuilder().setSinceNano(since).setUntilNano(until)
                        .addFilters(filter).build());
        List<EngineEvent> all = new ArrayList<>();
        events.forEachRemaining(all::add);
        return all;
    }

    private static void publish(String type, String action, String actorId) {
        EngineEventsGrpc.newBlockingStub(service.channel).publishEngineEvent(EngineEvent.newBuilder()
                .setType(type).setAction(action).setActorId(actorId).build());
    }

    private static int watchers() {
        return (int) service.bean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("berth.container.events.watchers").gauge().value();
    }

    private static EngineEventFilter filter(String key, String value) {
        return EngineEventFilter.newBuilder().setKey(key).addValues(value).build();
    }

    private static long nowNano() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private record Collecting(List<EngineEvent> received) implements StreamObserver<EngineEvent> {
        @Override
        public void onNext(EngineEvent value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}

package dev.berth.container.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import dev.berth.container.store.ContainerRepository;
import dev.berth.proto.v1.EngineEvent;
import dev.berth.proto.v1.EngineEventsGrpc;
import dev.berth.proto.v1.PublishEngineEventResponse;
import dev.berth.proto.v1.WatchEngineEventsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * docker events over gRPC: the gateway watches, and publishes what only it sees (image
 * operations, attach, exec start and exit). Image events come through here rather than from a
 * stream of image-service's own so that one log, one seq, orders everything: replay then live
 * needs no merge of two clocks, and image-service keeps no client of container-service.
 */
@Service
class EngineEventsGrpcService extends EngineEventsGrpc.EngineEventsImplBase implements DisposableBean {

    private final EventLog events;
    private final ContainerRepository containers;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-watch-until");
        thread.setDaemon(true);
        return thread;
    });

    EngineEventsGrpcService(EventLog events, ContainerRepository containers, MeterRegistry registry) {
        this.events = events;
        this.containers = containers;
        Gauge.builder("berth.container.events.watchers", events, EventLog::listenerCount)
                .description("docker events watchers streaming").register(registry);
    }

    @Override
    public void watchEngineEvents(WatchEngineEventsRequest request, StreamObserver<EngineEvent> responses) {
        ServerCallStreamObserver<EngineEvent> out = (ServerCallStreamObserver<EngineEvent>) responses;
        long since = request.getSinceNano();
        long until = request.getUntilNano();
        EventWatch watch = new EventWatch(out, new EventMatcher(request.getFiltersList()), since, until);
        out.setOnCancelHandler(watch::close);
        watch.subscribed(events.subscribe(watch));
        List<EngineEvent> stored = since > 0 || until > 0
                ? events.stored(since, until > 0 ? until : Long.MAX_VALUE) : List.of();
        watch.replay(stored);
        long now = EventLog.nowNano();
        if (until > 0 && until <= now) {
            watch.complete();
        } else if (until > 0) {
            deadlines.schedule(watch::complete, until - now, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void publishEngineEvent(EngineEvent request, StreamObserver<PublishEngineEventResponse> responses) {
        Map<String, String> attributes = request.getAttributesMap();
        if (request.getType().equals("container")) {
            Map<String, String> given = attributes;
            attributes = containers.findById(request.getActorId())
                    .map(row -> ContainerEvents.attributes(row, given))
                    .orElse(given);
        }
        EngineEvent stored = events.append(request.getType(), request.getAction(), request.getActorId(),
                new HashMap<>(attributes));
        responses.onNext(PublishEngineEventResponse.newBuilder().setSeq(stored.getSeq()).build());
        responses.onCompleted();
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
    }
}

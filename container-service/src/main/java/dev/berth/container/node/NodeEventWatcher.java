package dev.berth.container.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.berth.proto.v1.NodeEvent;
import dev.berth.proto.v1.NodeEventType;
import dev.berth.proto.v1.WatchEventsRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

/**
 * Keeps one WatchEvents stream open per node, reconnecting with exponential backoff while
 * the node is down or restarting. Events of one node are applied in order on the stream's
 * callback thread.
 */
@Component
public class NodeEventWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeEventWatcher.class);
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final NodeRegistry nodes;
    private final NodeEventHandler handler;
    private final List<Context.CancellableContext> streams = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    public NodeEventWatcher(NodeRegistry nodes, NodeEventHandler handler) {
        this.nodes = nodes;
        this.handler = handler;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-event-watcher");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        log.info("watching events of nodes {}", nodes.nodeIds());
        nodes.nodeIds().forEach(nodeId -> connect(nodeId, MIN_BACKOFF));
    }

    private void connect(String nodeId, Duration backoff) {
        if (!running) {
            return;
        }
        Context.CancellableContext context = Context.current().withCancellation();
        streams.add(context);
        NodeEventHandler.Subscription subscription = handler.subscribe(nodeId);
        context.run(() -> nodes.async(nodeId).watchEvents(WatchEventsRequest.getDefaultInstance(),
                new StreamObserver<>() {
                    private volatile boolean synced;

                    @Override
                    public void onNext(NodeEvent event) {
                        if (event.getType() == NodeEventType.NODE_EVENT_TYPE_SYNCED) {
                            synced = true;
                            log.info("node {}: watching events", nodeId);
                        }
                        subscription.handle(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                        log.debug("node {}: event stream failed", nodeId, t);
                        reconnect();
                    }

                    @Override
                    public void onCompleted() {
                        reconnect();
                    }

                    private void reconnect() {
                        streams.remove(context);
                        context.cancel(null);
                        Duration next = synced ? MIN_BACKOFF : nextBackoff(backoff);
                        schedule(() -> connect(nodeId, next), synced ? MIN_BACKOFF : backoff);
                    }
                }));
    }

    private void schedule(Runnable task, Duration delay) {
        ScheduledExecutorService current = scheduler;
        if (running && current != null) {
            try {
                current.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Shutting down.
            }
        }
    }

    static Duration nextBackoff(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    @Override
    public void stop() {
        running = false;
        streams.forEach(context -> context.cancel(null));
        streams.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

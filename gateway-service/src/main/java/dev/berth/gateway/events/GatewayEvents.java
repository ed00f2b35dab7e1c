package dev.berth.gateway.events;

import dev.berth.proto.v1.EngineEvent;
import dev.berth.proto.v1.EngineEventsGrpc;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the events only the gateway sees (image operations, attach, resize, exec start and
 * exit) to the engine's log. Synchronous, so that one caller's events keep their order; a
 * failure is logged, never the request's failure.
 */
@Component
public class GatewayEvents {

    private static final Logger log = LoggerFactory.getLogger(GatewayEvents.class);

    private final EngineEventsGrpc.EngineEventsBlockingStub events;

    GatewayEvents(EngineEventsGrpc.EngineEventsBlockingStub engineEvents) {
        this.events = engineEvents;
    }

    /** A container event: container-service adds the container's image, name and labels. */
    public void container(String containerId, String action, Map<String, String> attributes) {
        publish("container", action, containerId, attributes);
    }

    /** An image event: {@code actorId} is the image id, or the reference for pull and push, as Docker has it. */
    public void image(String actorId, String action, Map<String, String> attributes) {
        publish("image", action, actorId, attributes);
    }

    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        try {
            events.withDeadlineAfter(10, TimeUnit.SECONDS).publishEngineEvent(EngineEvent.newBuilder()
                    .setType(type).setAction(action).setActorId(actorId).putAllAttributes(attributes).build());
        } catch (StatusRuntimeException e) {
            log.warn("event {} {} of {} not recorded: {}", type, action, actorId, e.getStatus());
        }
    }
}

package dev.berth.container.events;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;

/**
 * Container events with Docker's attributes: the container's labels, then {@code image} (as the
 * user named it) and {@code name}, then the action's own ({@code exitCode}, {@code signal}...).
 * One line for any caller: {@code containerEvents.publish(row, "pause", Map.of())}.
 */
@Component
public class ContainerEvents {

    private final EventPublisher publisher;

    public ContainerEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(ContainerRow container, String action, Map<String, String> extra) {
        publisher.publish("container", action, container.id(), attributes(container, extra));
    }

    static Map<String, String> attributes(ContainerRow container, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(ProtoJson.readConfig(container.config()).getLabelsMap());
        attributes.put("image", container.image());
        attributes.put("name", container.name());
        attributes.putAll(extra);
        return attributes;
    }
}

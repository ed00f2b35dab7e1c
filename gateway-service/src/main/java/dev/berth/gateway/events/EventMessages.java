package dev.berth.gateway.events;

import dev.berth.proto.v1.EngineEvent;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event as API 1.4x sends it, one JSON object a line: the deprecated {@code status},
 * {@code id} and {@code from} (containers) or {@code status} and {@code id} (images) first, as
 * dockerd still fills them below API 1.52, then Type, Action, Actor, scope, time, timeNano.
 */
final class EventMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventMessages() {
    }

    static Map<String, Object> message(EngineEvent event) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (event.getType().equals("container") || event.getType().equals("image")) {
            message.put("status", event.getAction());
            message.put("id", event.getActorId());
            String from = event.getAttributesOrDefault("image", "");
            if (event.getType().equals("container") && !from.isEmpty()) {
                message.put("from", from);
            }
        }
        message.put("Type", event.getType());
        message.put("Action", event.getAction());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("ID", event.getActorId());
        actor.put("Attributes", new TreeMap<>(event.getAttributesMap()));
        message.put("Actor", actor);
        message.put("scope", "local");
        message.put("time", Math.floorDiv(event.getTimeNano(), 1_000_000_000L));
        message.put("timeNano", event.getTimeNano());
        return message;
    }

    static byte[] line(EngineEvent event) {
        return (JSON.writeValueAsString(message(event)) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}

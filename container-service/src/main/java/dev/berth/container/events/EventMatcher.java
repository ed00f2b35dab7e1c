package dev.berth.container.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.proto.v1.EngineEvent;
import dev.berth.proto.v1.EngineEventFilter;

/**
 * Docker's event filters: within a key any value may match, across keys all must. {@code type}
 * and {@code scope} match exactly; {@code event} exactly, or by prefix when one of the values
 * is {@code exec_create}, {@code exec_start} or {@code health_status} (whose actions carry the
 * command); {@code container} (and the other object kinds) by the actor's id or name, as a
 * prefix; {@code image} exactly by id or name, with or without its tag; every {@code label}
 * (key or key=value) must be among the attributes.
 */
final class EventMatcher {

    private static final Set<String> PREFIX_EVENTS = Set.of("exec_create", "exec_start", "health_status");
    private static final List<String> BY_NAME = List.of(
            "container", "daemon", "plugin", "volume", "network", "node", "service", "secret", "config");

    private final Map<String, Set<String>> filters = new HashMap<>();

    EventMatcher(List<EngineEventFilter> filters) {
        for (EngineEventFilter filter : filters) {
            this.filters.computeIfAbsent(filter.getKey(), k -> new HashSet<>()).addAll(filter.getValuesList());
        }
    }

    boolean matches(EngineEvent event) {
        return matchesEvent(event.getAction())
                && exact("type", event.getType())
                && exact("scope", "local")
                && BY_NAME.stream().allMatch(key -> byName(key, event))
                && matchesImage(event)
                && matchesLabels(event.getAttributesMap());
    }

    private boolean matchesEvent(String action) {
        Set<String> values = filters.get("event");
        if (values == null || values.isEmpty()) {
            return true;
        }
        if (values.stream().anyMatch(PREFIX_EVENTS::contains)) {
            return prefix(values, action);
        }
        return values.contains(action);
    }

    private boolean exact(String key, String value) {
        Set<String> values = filters.get(key);
        return values == null || values.isEmpty() || values.contains(value);
    }

    private boolean byName(String key, EngineEvent event) {
        Set<String> values = filters.get(key);
        if (values == null || values.isEmpty()) {
            return true;
        }
        return prefix(values, event.getActorId()) || prefix(values, event.getAttributesOrDefault("name", ""));
    }

    private static boolean prefix(Set<String> values, String source) {
        return values.contains(source) || values.stream().anyMatch(source::startsWith);
    }

    private boolean matchesImage(EngineEvent event) {
        Set<String> values = filters.get("image");
        if (values == null || values.isEmpty()) {
            return true;
        }
        String name = event.getAttributesOrDefault(event.getType().equals("image") ? "name" : "image", "");
        String id = event.getActorId();
        return values.contains(id) || values.contains(name)
                || values.contains(withoutTag(id)) || values.contains(withoutTag(name));
    }

    private boolean matchesLabels(Map<String, String> attributes) {
        Set<String> values = filters.get("label");
        if (values == null || values.isEmpty()) {
            return true;
        }
        for (String label : values) {
            String[] kv = label.split("=", 2);
            String actual = attributes.get(kv[0]);
            if (actual == null || (kv.length == 2 && !kv[1].equals(actual))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The familiar name without tag or digest, as Docker's filter compares: "busybox" for
     * "docker.io/library/busybox:latest"; an id or unparsable name stays as it is.
     */
    static String withoutTag(String image) {
        if (image.isEmpty() || image.startsWith("sha256:")) {
            return image;
        }
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        if (name.startsWith("docker.io/library/")) {
            return name.substring("docker.io/library/".length());
        }
        if (name.startsWith("docker.io/")) {
            return name.substring("docker.io/".length());
        }
        return name;
    }
}

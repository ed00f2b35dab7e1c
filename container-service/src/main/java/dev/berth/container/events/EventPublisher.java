package dev.berth.container.events;

import java.util.Map;

/**
 * Appends an event to the engine's log (docker events). Inside a transaction the event is
 * stored with it and delivered to watchers once it commits; outside one, at once.
 */
public interface EventPublisher {

    /** {@code type} is Docker's ("container", "image"), {@code action} its Action ("pause", "tag"). */
    void publish(String type, String action, String actorId, Map<String, String> attributes);
}

package dev.berth.gateway.stream;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The attach sessions open on this gateway, by container id: where a resize request goes. */
@Component
class AttachRegistry {

    private final Map<String, Set<AttachSession>> byContainer = new ConcurrentHashMap<>();

    void add(String containerId, AttachSession session) {
        byContainer.computeIfAbsent(containerId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Resizes the TTY of every live attachment to the container; forgets the ended ones. */
    void resize(String containerId, int rows, int cols) {
        Set<AttachSession> sessions = byContainer.get(containerId);
        if (sessions == null) {
            return;
        }
        sessions.removeIf(AttachSession::ended);
        sessions.forEach(session -> session.resize(rows, cols));
        byContainer.computeIfPresent(containerId, (id, set) -> set.isEmpty() ? null : set);
    }
}

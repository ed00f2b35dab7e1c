package dev.berth.container.events;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One stored event; {@code attributes} is a JSON object of strings. */
@Table("engine_events")
record EngineEventRow(@Id Long seq, String eventType, String action, String actorId, String attributes,
        long timeNano) {
}

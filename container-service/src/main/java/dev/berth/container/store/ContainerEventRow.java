package dev.berth.container.store;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One state change of a container ({@code create}, {@code start}, {@code die}, ...). */
@Table("container_events")
public record ContainerEventRow(
        @Id Long seq, String containerId, String eventType, OffsetDateTime eventTime, String attributes) {
}

package dev.berth.container.volume;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** One row of {@code volumes}: a local volume, its data at {@code mountpoint} on node {@code nodeId}. */
@Table("volumes")
public record VolumeRow(@Id String name, String driver, String labels, String options, String mountpoint,
        boolean anonymous, String nodeId, OffsetDateTime createdAt, @Version Long version) {
}

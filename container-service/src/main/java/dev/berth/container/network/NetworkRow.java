package dev.berth.container.network;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One row of {@code networks}. {@code labels} and {@code options} are JSON objects of strings;
 * {@code subnet} and {@code gateway} are empty for the built-in networks.
 */
@Table("networks")
public record NetworkRow(@Id String id, String name, String driver, String subnet, String gateway, String labels,
        String options, boolean builtin, OffsetDateTime createdAt, boolean attachable, @Version Long version) {
}

package dev.berth.container.store;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A node-agent containers can be placed on. */
@Table("nodes")
public record NodeRow(@Id String id, String address, OffsetDateTime registeredAt, @Version Long version) {

    public NodeRow withAddress(String newAddress) {
        return new NodeRow(id, newAddress, registeredAt, version);
    }
}

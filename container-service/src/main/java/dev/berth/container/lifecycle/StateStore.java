package dev.berth.container.lifecycle;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import dev.berth.container.store.ContainerEventRepository;
import dev.berth.container.store.ContainerEventRow;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.Times;

/**
 * Writes state changes: each one is a transaction that changes the row and appends a
 * {@code container_events} row (kept after removal, as history).
 */
@Component
public class StateStore {

    private final ContainerRepository containers;
    private final ContainerEventRepository events;
    private final TransactionTemplate transactions;

    public StateStore(ContainerRepository containers, ContainerEventRepository events,
            TransactionTemplate transactions) {
        this.containers = containers;
        this.events = events;
        this.transactions = transactions;
    }

    public ContainerRow insert(ContainerRow row) {
        return transactions.execute(status -> {
            ContainerRow saved = containers.save(row);
            append(row.id(), "create", Map.of("name", row.name(), "image", row.image()));
            return saved;
        });
    }

    public ContainerRow update(ContainerRow row, String eventType, Map<String, String> attributes) {
        return transactions.execute(status -> {
            ContainerRow saved = containers.save(row);
            append(row.id(), eventType, attributes);
            return saved;
        });
    }

    /** Where the node put the container's files: known once the node created it; no event of its own. */
    /** What the node reported of a container it prepared: its files and the host config it applies. */
    public ContainerRow recordCreated(ContainerRow row, String files, String hostConfig) {
        return containers.save(row.withFiles(files).withHostConfig(hostConfig));
    }

    /** A change that is no event of its own (what a stop asks of the restart policy, before it stops). */
    public ContainerRow save(ContainerRow row) {
        return containers.save(row);
    }

    public void delete(String containerId, String eventType) {
        transactions.executeWithoutResult(status -> {
            containers.deleteById(containerId);
            append(containerId, eventType, Map.of());
        });
    }

    /** Undoes a create that failed on the node: the row and its history go. */
    public void discard(String containerId) {
        transactions.executeWithoutResult(status -> {
            containers.deleteById(containerId);
            events.deleteByContainerId(containerId);
        });
    }

    private void append(String containerId, String type, Map<String, String> attributes) {
        Struct.Builder json = Struct.newBuilder();
        attributes.forEach((k, v) -> json.putFields(k, Value.newBuilder().setStringValue(v).build()));
        events.save(new ContainerEventRow(null, containerId, type, Times.now(), ProtoJson.write(json.build())));
    }
}

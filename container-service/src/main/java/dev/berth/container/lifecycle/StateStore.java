package dev.berth.container.lifecycle;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import dev.berth.container.events.ContainerEvents;
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
    private final ContainerEvents published;

    public StateStore(ContainerRepository containers, ContainerEventRepository events,
            TransactionTemplate transactions, ContainerEvents published) {
        this.containers = containers;
        this.events = events;
        this.transactions = transactions;
        this.published = published;
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
            long startedRun = eventType.equals("die")
                    ? containers.findById(row.id()).map(ContainerRow::runId).orElse(row.runId()) : 0;
            ContainerRow saved = containers.save(row);
            append(row.id(), eventType, attributes);
            publishDocker(saved, eventType, attributes, startedRun);
            return saved;
        });
    }

    /**
     * What the node reported of a container it prepared: its files and the host config it applies.
     * Docker's {@code create} event goes out here, once the create has succeeded.
     */
    public ContainerRow recordCreated(ContainerRow row, String files, String hostConfig) {
        return transactions.execute(status -> {
            ContainerRow saved = containers.save(row.withFiles(files).withHostConfig(hostConfig));
            published.publish(saved, "create", Map.of());
            return saved;
        });
    }

    /** A change that is no event of its own (what a stop asks of the restart policy, before it stops). */
    public ContainerRow save(ContainerRow row) {
        return containers.save(row);
    }

    public void delete(ContainerRow last, String eventType) {
        transactions.executeWithoutResult(status -> {
            containers.deleteById(last.id());
            append(last.id(), eventType, Map.of());
            published.publish(last, eventType, Map.of());
        });
    }

    /**
     * The state changes docker events reports, with Docker's attributes (not our internal ones).
     * A process can exit before its start is recorded: its {@code start} goes out with the
     * {@code die}, before it, as in Docker, and not again when the start is recorded.
     */
    private void publishDocker(ContainerRow row, String eventType, Map<String, String> attributes,
            long startedRun) {
        if (eventType.equals("start") && row.exitedRunId() < row.runId()) {
            published.publish(row, "start", Map.of());
        } else if (eventType.equals("die")) {
            if (startedRun < row.exitedRunId()) {
                published.publish(row, "start", Map.of());
            }
            published.publish(row, "die", Map.of("exitCode", attributes.getOrDefault("exitCode", "0"),
                    "execDuration", Long.toString(runSeconds(row))));
        } else if (eventType.equals("pause") || eventType.equals("unpause") || eventType.equals("update")) {
            published.publish(row, eventType, Map.of());
        } else if (eventType.equals("rename")) {
            published.publish(row, "rename", Map.of("oldName", attributes.getOrDefault("oldName", "")));
        }
    }

    /** Docker's execDuration: whole seconds the run lasted (0 when its start is not known). */
    static long runSeconds(ContainerRow row) {
        if (row.startedAt() == null || row.finishedAt() == null || row.finishedAt().isBefore(row.startedAt())) {
            return 0;
        }
        return java.time.Duration.between(row.startedAt(), row.finishedAt()).getSeconds();
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

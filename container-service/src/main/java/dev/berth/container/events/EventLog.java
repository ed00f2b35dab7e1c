package dev.berth.container.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.EngineEvent;

/**
 * The engine's event log: each event is a row (durable, for {@code since}) and, once its
 * transaction commits, a delivery to every live listener. Listeners see events in commit order,
 * which may differ from seq order under concurrency; watchers dedupe by seq, not by order.
 * Live delivery is in-process: with several container-service replicas a watcher sees the live
 * events of its own replica (stored ones of all).
 */
@Component
public class EventLog implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    private final EngineEventRepository rows;
    private final Set<Consumer<EngineEvent>> listeners = new CopyOnWriteArraySet<>();

    EventLog(EngineEventRepository rows) {
        this.rows = rows;
    }

    @Override
    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        append(type, action, actorId, attributes);
    }

    EngineEvent append(String type, String action, String actorId, Map<String, String> attributes) {
        EngineEventRow saved = rows.save(new EngineEventRow(null, type, action, actorId, write(attributes), nowNano()));
        EngineEvent event = toProto(saved);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(event);
                }
            });
        } else {
            deliver(event);
        }
        return event;
    }

    /** Events stored with a time in [sinceNano, untilNano], in seq order. */
    List<EngineEvent> stored(long sinceNano, long untilNano) {
        return rows.findBetween(sinceNano, untilNano).stream().map(EventLog::toProto).toList();
    }

    /** Live events from now on, until the returned handle is run. */
    Runnable subscribe(Consumer<EngineEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }

    private void deliver(EngineEvent event) {
        for (Consumer<EngineEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.debug("event listener failed: {}", e.toString());
            }
        }
    }

    static long nowNano() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String write(Map<String, String> attributes) {
        Struct.Builder json = Struct.newBuilder();
        attributes.forEach((k, v) -> json.putFields(k, Value.newBuilder().setStringValue(v).build()));
        return ProtoJson.write(json.build());
    }

    private static EngineEvent toProto(EngineEventRow row) {
        Struct.Builder json = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(row.attributes(), json);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("event " + row.seq() + " has unreadable attributes", e);
        }
        EngineEvent.Builder event = EngineEvent.newBuilder().setSeq(row.seq()).setType(row.eventType())
                .setAction(row.action()).setActorId(row.actorId()).setTimeNano(row.timeNano());
        json.getFieldsMap().forEach((k, v) -> event.putAttributes(k, v.getStringValue()));
        return event.build();
    }
}

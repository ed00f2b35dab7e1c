package dev.berth.node.supervisor;

import dev.berth.node.state.ContainerState;
import dev.berth.proto.v1.NodeEventType;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Delivers container events to subscribers. Subscribing sends a snapshot of every container, then
 * SYNCED, atomically with respect to published events, so no event is lost or seen twice.
 */
@Component
public class EventBus {

    /** Receives events; throwing unsubscribes. */
    public interface Subscriber {
        void event(NodeEventType type, ContainerState state);
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public synchronized void subscribe(Subscriber subscriber, Supplier<Collection<ContainerState>> snapshot) {
        for (ContainerState state : snapshot.get()) {
            subscriber.event(NodeEventType.NODE_EVENT_TYPE_SNAPSHOT, state);
        }
        subscriber.event(NodeEventType.NODE_EVENT_TYPE_SYNCED, null);
        subscribers.add(subscriber);
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public synchronized void publish(NodeEventType type, ContainerState state) {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.event(type, state);
            } catch (RuntimeException e) {
                subscribers.remove(subscriber);
            }
        }
    }
}

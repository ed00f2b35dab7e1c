package dev.berth.node.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.state.ContainerState;
import dev.berth.proto.v1.NodeEventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {

    @Test
    void subscribe_sendsSnapshotsThenSyncedThenLiveEvents() {
        EventBus bus = new EventBus();
        ContainerState a = ContainerState.created("a", false, false, "");
        List<String> seen = new ArrayList<>();
        bus.subscribe((type, state) -> seen.add(type + ":" + (state == null ? "-" : state.id())), () -> List.of(a));
        bus.publish(NodeEventType.NODE_EVENT_TYPE_STARTED, ContainerState.created("b", false, false, ""));
        assertThat(seen).containsExactly("NODE_EVENT_TYPE_SNAPSHOT:a", "NODE_EVENT_TYPE_SYNCED:-", "NODE_EVENT_TYPE_STARTED:b");
    }

    @Test
    void publish_failingSubscriber_isDropped() {
        EventBus bus = new EventBus();
        List<String> seen = new ArrayList<>();
        bus.subscribe((type, state) -> {
            if (type == NodeEventType.NODE_EVENT_TYPE_STARTED) {
                throw new IllegalStateException("gone");
            }
        }, List::of);
        bus.subscribe((type, state) -> seen.add(type.name()), List::of);
        bus.publish(NodeEventType.NODE_EVENT_TYPE_STARTED, ContainerState.created("x", false, false, ""));
        bus.publish(NodeEventType.NODE_EVENT_TYPE_EXITED, ContainerState.created("x", false, false, ""));
        assertThat(seen).containsExactly("NODE_EVENT_TYPE_SYNCED", "NODE_EVENT_TYPE_STARTED", "NODE_EVENT_TYPE_EXITED");
    }
}

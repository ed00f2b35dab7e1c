package dev.berth.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.proto.v1.ExecRoute;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecRoutesTest {

    private final List<String> located = new ArrayList<>();
    private final ExecRoutes routes = new ExecRoutes(id -> {
        located.add(id);
        if (id.startsWith("gone")) {
            throw Status.NOT_FOUND.withDescription("No such exec instance: " + id).asRuntimeException();
        }
        return route(id, "node-b:9102");
    });

    private static ExecRoute route(String id, String node) {
        return ExecRoute.newBuilder().setExecId(id).setContainerId("c1").setNodeAddress(node).build();
    }

    @Test
    void find_remembered_answersWithoutLocating() {
        routes.remember(route("e1", "node-a:9101"));

        assertThat(routes.find("e1").getNodeAddress()).isEqualTo("node-a:9101");
        assertThat(located).isEmpty();
    }

    @Test
    void find_unknown_locatesOnceThenRemembers() {
        assertThat(routes.find("e2").getNodeAddress()).isEqualTo("node-b:9102");
        assertThat(routes.find("e2").getNodeAddress()).isEqualTo("node-b:9102");

        assertThat(located).containsExactly("e2");
    }

    @Test
    void find_nowhere_isNotFoundAndNotRemembered() {
        assertThatThrownBy(() -> routes.find("gone1")).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("No such exec instance: gone1");
        assertThatThrownBy(() -> routes.find("gone1")).isInstanceOf(StatusRuntimeException.class);

        assertThat(located).containsExactly("gone1", "gone1");
    }

    @Test
    void remember_beyondCapacity_forgetsTheLeastRecentlyUsed() {
        routes.remember(route("first", "node-a:9101"));
        for (int i = 0; i < ExecRoutes.CAPACITY; i++) {
            routes.remember(route("e" + i, "node-a:9101"));
        }

        assertThat(routes.find("first").getNodeAddress()).isEqualTo("node-b:9102");
        assertThat(located).containsExactly("first");
    }
}

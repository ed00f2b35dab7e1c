package dev.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.ListContainersRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The list filters that need the whole table: before, since, and exit codes recorded by the node. */
class ListingFiltersTest {

    @TempDir
    static Path dataRoot;

    static FakeNodeAgent node;
    static ServiceHarness service;

    @BeforeAll
    static void startService() throws Exception {
        node = new FakeNodeAgent();
        service = new ServiceHarness(dataRoot, node.address());
        Eventually.await("the event stream", () -> node.watcherCount() == 1);
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
        node.close();
    }

    @Test
    void beforeAndSince_cutTheListAtTheNamedContainer() {
        String suite = UUID.randomUUID().toString();
        Container a = create(suite, "a");
        Container b = create(suite, "b");
        Container c = create(suite, "c");

        assertThat(names(suite, filter("before", b.getName()))).containsExactly(a.getName());
        assertThat(names(suite, filter("since", b.getId()))).containsExactly(c.getName());
        assertThat(names(suite, filter("since", a.getName()), filter("before", c.getName())))
                .containsExactly(b.getName());
        assertThat(names(suite, filter("since", c.getName()), filter("before", a.getName()))).isEmpty();
    }

    @Test
    void before_unknownContainerIsNotFound() {
        assertThatThrownBy(() -> service.blocking().listContainers(ListContainersRequest.newBuilder()
                .addFilters(filter("before", "nosuch-" + UUID.randomUUID())).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).startsWith("No such container: nosuch-");
                });
    }

    @Test
    void exited_findsTheContainersThatExitedWithTheCode() {
        String suite = UUID.randomUUID().toString();
        Container three = create(suite, "three");
        Container zero = create(suite, "zero");
        Container neverRan = create(suite, "never");
        for (Container ran : List.of(three, zero)) {
            service.blocking().startContainer(ContainerRef.newBuilder().setRef(ran.getId()).build());
        }
        node.exit(three.getId(), 3);
        node.exit(zero.getId(), 0);
        Eventually.await("both exits recorded", () -> List.of(three, zero).stream().allMatch(ran ->
                service.blocking().getContainer(ContainerRef.newBuilder().setRef(ran.getId()).build())
                        .getState().getStatus() == ContainerStatus.CONTAINER_STATUS_EXITED));

        assertThat(names(suite, filter("exited", "3"))).containsExactly(three.getName());
        assertThat(names(suite, filter("exited", "0"))).as("not the one that never ran: " + neverRan.getName())
                .containsExactly(zero.getName());
    }

    private static Container create(String suite, String name) {
        return service.blocking().createContainer(CreateContainerRequest.newBuilder()
                .setName(name + "-" + suite.substring(0, 8))
                .setConfig(ContainerConfig.newBuilder().setImage("busybox").addCmd("sleep").putLabels("suite", suite))
                .build());
    }

    private static Filter filter(String key, String value) {
        return Filter.newBuilder().setKey(key).addValues(value).build();
    }

    private static List<String> names(String suite, Filter... filters) {
        return service.blocking().listContainers(ListContainersRequest.newBuilder().setAll(true)
                        .addFilters(filter("label", "suite=" + suite)).addAllFilters(List.of(filters)).build())
                .getContainersList().stream().map(Container::getName).toList();
    }
}

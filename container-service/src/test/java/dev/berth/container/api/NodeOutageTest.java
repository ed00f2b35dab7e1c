package dev.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.ListContainersRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;

/** The service starts without its node, answers UNAVAILABLE meanwhile, and connects once the node is up. */
class NodeOutageTest {

    @TempDir
    Path dataRoot;

    @Test
    void nodeDown_startupWorksCreateFailsCleanlyAndEventsReconnect() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (ServiceHarness service = new ServiceHarness(dataRoot, "127.0.0.1:" + port)) {
            CreateContainerRequest request = CreateContainerRequest.newBuilder().setName("early")
                    .setConfig(ContainerConfig.newBuilder().setImage("busybox"))
                    .build();
            try {
                service.blocking().createContainer(request);
                throw new AssertionError("create should fail while the node is down");
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            assertThat(service.blocking().listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                    .getContainersCount()).isZero();

            try (FakeNodeAgent node = new FakeNodeAgent(port)) {
                Eventually.await("the event stream", () -> node.watcherCount() == 1);
                Container created = service.blocking().createContainer(request);
                assertThat(created.getName()).isEqualTo("early");
                MeterRegistry meters = service.bean(MeterRegistry.class);
                assertThat(meters.get("berth.containers").tag("state", "created").gauge().value()).isEqualTo(1.0);
                assertThat(meters.get("berth.containers").tag("state", "running").gauge().value()).isZero();
            }
        }
    }
}

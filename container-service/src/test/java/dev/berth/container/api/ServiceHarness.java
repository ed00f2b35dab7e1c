package dev.berth.container.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.berth.container.ContainerServiceApplication;
import dev.berth.proto.v1.ContainerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;

/**
 * A whole container-service (own H2 file under {@code dataRoot}, a {@link FakeImageService})
 * reached over in-process gRPC.
 */
final class ServiceHarness implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final ManagedChannel channel;
    private final ContainerServiceGrpc.ContainerServiceBlockingStub blocking;
    final ContainerServiceGrpc.ContainerServiceStub async;
    private final FakeImageService images;

    ServiceHarness(Path dataRoot, String nodeAddress) throws IOException {
        images = new FakeImageService();
        String name = "container-service-" + UUID.randomUUID();
        context = new SpringApplicationBuilder(ContainerServiceApplication.class)
                .run(
                        "--spring.main.web-application-type=none",
                        "--spring.grpc.server.inprocess.name=" + name,
                        "--spring.grpc.server.port=0",
                        "--spring.grpc.server.shutdown-grace-period=0s",
                        
                        "--berth.container.data-root=" + dataRoot,
                        "--berth.container.image-service=" + images.address(),
                        "--berth.container.nodes[0].id=local",
                        "--berth.container.nodes[0].address=" + nodeAddress);
        channel = InProcessChannelBuilder.forName(name).build();
        blocking = ContainerServiceGrpc.newBlockingStub(channel);
        async = ContainerServiceGrpc.newStub(channel);
    }

    /** A stub whose deadline starts now. */
    ContainerServiceGrpc.ContainerServiceBlockingStub blocking() {
        return blocking.withDeadlineAfter(1, TimeUnit.MINUTES);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        context.close();
        images.close();
    }
}

package dev.berth.proto.channel;

import java.io.IOException;
import java.net.ServerSocket;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import java.util.List;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.grpc.client.ClientInterceptorsConfigurer;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.NettyGrpcChannelFactory;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChannelsTest {

    private static final GrpcChannelFactory FACTORY = factory();

    /** The factory as spring-grpc's auto-configuration makes it, without global interceptors. */
    private static GrpcChannelFactory factory() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.refresh();
        ClientInterceptorsConfigurer interceptors = new ClientInterceptorsConfigurer(context);
        interceptors.afterPropertiesSet();
        NettyGrpcChannelFactory factory = new NettyGrpcChannelFactory(List.of(), interceptors);
        factory.setVirtualTargets(target -> target); // as the properties resolve a host:port
        return factory;
    }

    @Test
    void plaintext_unreachablePeer_isNamedInTheStatus() throws IOException {
        String address = "127.0.0.1:" + freePort();
        ManagedChannel channel = Channels.create(FACTORY, "container-service", address);
        try {
            StatusRuntimeException failure = getContainer(channel);

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(failure.getStatus().getDescription())
                    .startsWith("container-service at " + address + " is unavailable (");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void plaintext_unavailableAnsweredByThePeer_passesThroughUnchanged() throws IOException {
        Server server = NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
                .addService(new ContainerServiceGrpc.ContainerServiceImplBase() {
                    @Override
                    public void getContainer(ContainerRef request, StreamObserver<Container> response) {
                        response.onError(Status.UNAVAILABLE.withDescription("node-agent local at x is unavailable").asException());
                    }
                })
                .build()
                .start();
        ManagedChannel channel = Channels.create(FACTORY, "container-service", "127.0.0.1:" + server.getPort());
        try {
            StatusRuntimeException failure = getContainer(channel);

            assertThat(failure.getStatus().getDescription()).isEqualTo("node-agent local at x is unavailable");
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    @Test
    void plaintext_peerBackAfterAnOutage_firstCallSucceeds() throws IOException {
        int port = freePort();
        ManagedChannel channel = Channels.create(FACTORY, "container-service", "127.0.0.1:" + port);
        Server server = null;
        try {
            assertThat(getContainer(channel).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            server = NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", port))
                    .addService(new ContainerServiceGrpc.ContainerServiceImplBase() {
                        @Override
                        public void getContainer(ContainerRef request, StreamObserver<Container> response) {
                            response.onNext(Container.newBuilder().setId("back").build());
                            response.onCompleted();
                        }
                    })
                    .build()
                    .start();

            Container answer = ContainerServiceGrpc.newBlockingStub(channel).getContainer(ContainerRef.getDefaultInstance());

            assertThat(answer.getId()).isEqualTo("back");
        } finally {
            channel.shutdownNow();
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    private static StatusRuntimeException getContainer(ManagedChannel channel) {
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> ContainerServiceGrpc.newBlockingStub(channel).getContainer(ContainerRef.getDefaultInstance()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

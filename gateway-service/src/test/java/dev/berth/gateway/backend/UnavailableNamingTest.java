package dev.berth.gateway.backend;

import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnavailableNamingTest {

    @Test
    void interceptCall_unreachableBackend_isNamedInTheStatus() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        String address = "127.0.0.1:" + deadPort;
        ManagedChannel channel = ManagedChannelBuilder.forTarget(address).usePlaintext()
                .intercept(new UnavailableNaming("container-service", address)).build();
        try {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () ->
                    ContainerServiceGrpc.newBlockingStub(channel).getContainer(ContainerRef.getDefaultInstance()));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription())
                    .startsWith("container-service at " + address + " is unavailable (");
        } finally {
            channel.shutdownNow();
        }
    }
}

package dev.berth.container.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusException;

class GrpcStatusMapperTest {

    @Test
    void toStatus_domainKindsMapOneToOne() {
        assertCode(ContainerException.noSuchContainer("x"), Status.Code.NOT_FOUND, "No such container: x");
        assertCode(ContainerException.invalid("bad"), Status.Code.INVALID_ARGUMENT, "bad");
        assertCode(ContainerException.conflict("taken"), Status.Code.ALREADY_EXISTS, "taken");
        assertCode(ContainerException.precondition("running"), Status.Code.FAILED_PRECONDITION, "running");
        assertCode(ContainerException.internal("boom"), Status.Code.INTERNAL, "boom");
    }

    @Test
    void toStatus_nodeStatusPassesThrough() {
        assertCode(Status.UNAVAILABLE.withDescription("node down").asRuntimeException(), Status.Code.UNAVAILABLE,
                "node down");
    }

    @Test
    void toStatus_anythingElseIsInternal() {
        assertCode(new IllegalStateException("oops"), Status.Code.INTERNAL, "oops");
    }

    private static void assertCode(Throwable failure, Status.Code code, String message) {
        StatusException status = GrpcStatusMapper.toStatus(failure);
        assertThat(status.getStatus().getCode()).isEqualTo(code);
        assertThat(status.getStatus().getDescription()).isEqualTo(message);
    }
}

package dev.berth.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class GrpcStatusesTest {

    @ParameterizedTest
    @EnumSource(BerthException.Kind.class)
    void toStatus_eachKind_hasItsOwnCodeAndTheMessage(BerthException.Kind kind) {
        StatusRuntimeException status = GrpcStatuses.toStatus(new BerthException(kind, "No such image: x"));

        assertThat(status.getStatus().getCode().name()).isEqualTo(kind.name());
        assertThat(status.getStatus().getDescription()).isEqualTo("No such image: x");
    }

    @Test
    void toStatus_statusOfAnotherService_passesThroughUnchanged() {
        StatusRuntimeException relayed = Status.UNAVAILABLE.withDescription("node-agent local at x is unavailable")
                .asRuntimeException();

        assertThat(GrpcStatuses.toStatus(new CompletionException(relayed))).isSameAs(relayed);
    }

    @Test
    void toStatus_unexpectedFailure_isInternal() {
        StatusRuntimeException status = GrpcStatuses.toStatus(new IllegalStateException("boom"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getStatus().getDescription()).isEqualTo("boom");
    }
}

package dev.berth.image.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.image.error.FailedPreconditionException;
import dev.berth.image.error.InvalidArgumentException;
import dev.berth.image.error.NotFoundException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The one place domain errors become gRPC statuses. Unknown failures are INTERNAL and logged. */
final class GrpcErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcErrorMapper.class);

    private GrpcErrorMapper() {
    }

    static StatusRuntimeException toStatus(Throwable error) {
        if (error instanceof StatusRuntimeException status) {
            return status;
        }
        Status status;
        if (error instanceof NotFoundException) {
            status = Status.NOT_FOUND;
        } else if (error instanceof InvalidArgumentException) {
            status = Status.INVALID_ARGUMENT;
        } else if (error instanceof FailedPreconditionException) {
            status = Status.FAILED_PRECONDITION;
        } else {
            LOG.error("internal error", error);
            status = Status.INTERNAL;
        }
        return status.withDescription(error.getMessage()).asRuntimeException();
    }
}

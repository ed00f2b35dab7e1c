package dev.berth.container.error;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/**
 * The single place where failures become gRPC statuses. Node-agent errors arrive as
 * {@link StatusRuntimeException} and pass through unchanged.
 */
public final class GrpcStatusMapper {

    private GrpcStatusMapper() {
    }

    public static StatusException toStatus(Throwable failure) {
        if (failure instanceof ContainerException e) {
            return codeOf(e.kind()).withDescription(e.getMessage()).asException();
        }
        if (failure instanceof StatusRuntimeException e) {
            return e.getStatus().asException(e.getTrailers());
        }
        if (failure instanceof StatusException e) {
            return e;
        }
        return Status.INTERNAL.withDescription(String.valueOf(failure.getMessage())).withCause(failure).asException();
    }

    static Status codeOf(ContainerException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case INTERNAL -> Status.INTERNAL;
        };
    }
}

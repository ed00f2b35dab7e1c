package dev.berth.common.error;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/**
 * The single place where a failure becomes a gRPC status, in every service. A status that
 * came from another service's call passes through unchanged; anything that is not a
 * {@link BerthException} is an internal fault and is logged.
 */
public final class GrpcStatuses {

    private static final Logger log = LoggerFactory.getLogger(GrpcStatuses.class);

    private GrpcStatuses() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof StatusException status) {
            return status.getStatus().asRuntimeException(status.getTrailers());
        }
        if (cause instanceof BerthException berth) {
            return codeOf(berth.kind()).withDescription(berth.getMessage()).asRuntimeException();
        }
        log.error("internal error", cause);
        return Status.INTERNAL.withDescription(String.valueOf(cause.getMessage())).withCause(cause)
                .asRuntimeException();
    }

    public static Status codeOf(BerthException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case INTERNAL -> Status.INTERNAL;
        };
    }

    /** The failure inside the wrappers of futures. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

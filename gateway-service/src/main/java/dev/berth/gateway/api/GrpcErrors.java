package dev.berth.gateway.api;

import io.grpc.Status;
import org.springframework.http.HttpStatus;

/** gRPC status codes of the backends as Docker's HTTP statuses and messages. */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    public static HttpStatus httpStatus(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, FAILED_PRECONDITION -> HttpStatus.CONFLICT;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static String message(Status status) {
        if (status.getDescription() == null || status.getDescription().isEmpty()) {
            return describe(status);
        }
        return status.getDescription();
    }

    /** A Throwable from a gRPC call as the exception the error mapping answers with. */
    public static DockerApiException toDocker(Throwable t) {
        Status status = Status.fromThrowable(t);
        return new DockerApiException(httpStatus(status.getCode()), message(status));
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        return status.getCode() + (description == null ? "" : ": " + description);
    }
}

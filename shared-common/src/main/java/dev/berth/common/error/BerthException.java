package dev.berth.common.error;

/**
 * The one failure type of Berth's services: a {@link Kind} from a fixed set and a message
 * meant for the user (Docker's own words where Docker has them). It becomes a gRPC status in
 * {@link GrpcStatuses}, and the gateway turns that status into Docker's HTTP error: nowhere
 * else is a kind translated.
 */
public class BerthException extends RuntimeException {

    /** The error classes, as containerd's errdefs: each maps to one gRPC code. */
    public enum Kind {
        /** The thing asked for does not exist (HTTP 404). */
        NOT_FOUND,
        /** It exists already: a name, a tag held elsewhere (HTTP 409). */
        ALREADY_EXISTS,
        /** The request itself is malformed or refused (HTTP 400). */
        INVALID_ARGUMENT,
        /** Well formed, but the current state does not allow it (HTTP 409). */
        FAILED_PRECONDITION,
        /** Never allowed, whatever the state: removing a built-in network (HTTP 403, as Docker). */
        PERMISSION_DENIED,
        /** Credentials missing or refused, by a registry for instance (HTTP 401). */
        UNAUTHENTICATED,
        /** A service or registry Berth needs cannot be reached (HTTP 500, naming it). */
        UNAVAILABLE,
        /** Out of a bounded resource: queue, disk, ports (HTTP 500). */
        RESOURCE_EXHAUSTED,
        /** Anything else: a fault of Berth's (HTTP 500). */
        INTERNAL
    }

    private final Kind kind;

    public BerthException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BerthException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static BerthException notFound(String message) {
        return new BerthException(Kind.NOT_FOUND, message);
    }

    public static BerthException alreadyExists(String message) {
        return new BerthException(Kind.ALREADY_EXISTS, message);
    }

    public static BerthException invalid(String message) {
        return new BerthException(Kind.INVALID_ARGUMENT, message);
    }

    public static BerthException invalid(String message, Throwable cause) {
        return new BerthException(Kind.INVALID_ARGUMENT, message, cause);
    }

    public static BerthException precondition(String message) {
        return new BerthException(Kind.FAILED_PRECONDITION, message);
    }

    public static BerthException forbidden(String message) {
        return new BerthException(Kind.PERMISSION_DENIED, message);
    }

    public static BerthException unauthenticated(String message) {
        return new BerthException(Kind.UNAUTHENTICATED, message);
    }

    public static BerthException unavailable(String message, Throwable cause) {
        return new BerthException(Kind.UNAVAILABLE, message, cause);
    }

    public static BerthException exhausted(String message) {
        return new BerthException(Kind.RESOURCE_EXHAUSTED, message);
    }

    public static BerthException internal(String message) {
        return new BerthException(Kind.INTERNAL, message);
    }

    public static BerthException internal(String message, Throwable cause) {
        return new BerthException(Kind.INTERNAL, message, cause);
    }
}

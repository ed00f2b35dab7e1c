package dev.berth.container.error;

/**
 * The one domain failure type: a kind (mapped to a gRPC status in {@link GrpcStatusMapper})
 * and Docker's own message text.
 */
public final class ContainerException extends RuntimeException {

    public enum Kind { NOT_FOUND, INVALID_ARGUMENT, ALREADY_EXISTS, FAILED_PRECONDITION, INTERNAL }

    private final Kind kind;

    private ContainerException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ContainerException notFound(String message) {
        return new ContainerException(Kind.NOT_FOUND, message);
    }

    public static ContainerException invalid(String message) {
        return new ContainerException(Kind.INVALID_ARGUMENT, message);
    }

    public static ContainerException conflict(String message) {
        return new ContainerException(Kind.ALREADY_EXISTS, message);
    }

    public static ContainerException precondition(String message) {
        return new ContainerException(Kind.FAILED_PRECONDITION, message);
    }

    public static ContainerException internal(String message) {
        return new ContainerException(Kind.INTERNAL, message);
    }

    /** Docker's 404 text for an unknown reference. */
    public static ContainerException noSuchContainer(String ref) {
        return notFound("No such container: " + ref);
    }
}

package dev.berth.node.error;

/** A failure with one of the node-agent's fixed error kinds; mapped to gRPC once, in the api layer. */
public class NodeException extends RuntimeException {

    public enum Kind { NOT_FOUND, INVALID_ARGUMENT, ALREADY_EXISTS, FAILED_PRECONDITION, RESOURCE_EXHAUSTED, INTERNAL }

    private final Kind kind;

    public NodeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public NodeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static NodeException notFound(String message) {
        return new NodeException(Kind.NOT_FOUND, message);
    }

    public static NodeException invalid(String message) {
        return new NodeException(Kind.INVALID_ARGUMENT, message);
    }

    public static NodeException precondition(String message) {
        return new NodeException(Kind.FAILED_PRECONDITION, message);
    }

    public static NodeException internal(String message, Throwable cause) {
        return new NodeException(Kind.INTERNAL, message, cause);
    }

    public static NodeException noSuchContainer(String id) {
        return notFound("No such container: " + id);
    }
}

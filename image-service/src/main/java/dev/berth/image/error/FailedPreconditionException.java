package dev.berth.image.error;

/** The request is well formed but the state does not allow it, e.g. content whose digest or size
 *  differs from the one the writer promised. */
public class FailedPreconditionException extends RuntimeException {

    public FailedPreconditionException(String message) {
        super(message);
    }
}

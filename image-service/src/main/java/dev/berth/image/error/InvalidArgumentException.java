package dev.berth.image.error;

/** The caller's input is malformed (reference, digest, tarball, change). Shown to users as it is. */
public class InvalidArgumentException extends RuntimeException {

    public InvalidArgumentException(String message) {
        super(message);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}

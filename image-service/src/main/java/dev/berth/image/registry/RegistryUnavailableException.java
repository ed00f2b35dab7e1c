package dev.berth.image.registry;

/** The registry could not be reached, timed out or kept failing (5xx) after the allowed retries. */
public class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }
}

package dev.berth.image.registry;

import dev.berth.common.error.BerthException;

/**
 * A registry operation failed. Messages follow Docker's so they can be shown to users as they are,
 * and always name the registry, e.g. {@code Get "http://127.0.0.1:5000/v2/": ...}. Subclasses say
 * why, each with its error kind; this class itself covers answers the client cannot make sense of
 * (HTML, truncated JSON): such a registry is as good as unavailable.
 */
public class RegistryException extends BerthException {

    public RegistryException(String message) {
        super(Kind.UNAVAILABLE, message);
    }

    public RegistryException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }

    protected RegistryException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}

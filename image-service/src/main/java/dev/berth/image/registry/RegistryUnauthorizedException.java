package dev.berth.image.registry;

/** The registry or its token service refused the credentials (401), or denied access (403, DENIED). */
public class RegistryUnauthorizedException extends RegistryException {

    public RegistryUnauthorizedException(String message) {
        super(Kind.UNAUTHENTICATED, message, null);
    }

    protected RegistryUnauthorizedException(Kind kind, String message) {
        super(kind, message, null);
    }
}

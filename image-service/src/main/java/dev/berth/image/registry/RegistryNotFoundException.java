package dev.berth.image.registry;

/** The manifest, blob, repository or platform asked for does not exist on the registry. */
public class RegistryNotFoundException extends RegistryException {

    public RegistryNotFoundException(String message) {
        super(Kind.NOT_FOUND, message, null);
    }
}

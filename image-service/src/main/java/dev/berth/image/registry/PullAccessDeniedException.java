package dev.berth.image.registry;

/**
 * A pull was denied: Docker's "pull access denied for x, repository does not exist or may require
 * 'docker login'". Registries answer so for repositories that do not exist as well, so Docker
 * reports it as not found (HTTP 404), and so do we.
 */
public class PullAccessDeniedException extends RegistryUnauthorizedException {

    public PullAccessDeniedException(String message) {
        super(Kind.NOT_FOUND, message);
    }
}

package dev.berth.image.login;

import java.net.URI;

import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryCredentials;

/**
 * Checks a username and password the way dockerd's login does: a {@code GET /v2/} on the registry
 * with them, through whatever auth the registry asks for (Basic, or a token from its token service).
 */
public final class RegistryLogin {

    /** What the CLI sends for Docker Hub. */
    private static final String DOCKER_HUB_INDEX = "index.docker.io";

    private final RegistryClient registry;

    public RegistryLogin(RegistryClient registry) {
        this.registry = registry;
    }

    /**
     * @throws BerthException UNAUTHENTICATED with the registry's words; UNAVAILABLE naming the
     *         registry when it cannot be reached
     */
    public void login(String username, String password, String serverAddress) {
        if (username == null || username.isEmpty()) {
            throw BerthException.invalid("Username is required");
        }
        registry.ping(registryHost(serverAddress), RegistryCredentials.basic(username, password));
    }

    /**
     * {@code host[:port]} of a server address as the CLI sends it: empty or Docker Hub's index URL
     * for docker.io, else a host with an optional scheme and path.
     */
    static String registryHost(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return ImageReference.DEFAULT_DOMAIN;
        }
        String address = serverAddress.strip();
        String host = address.contains("://") ? authority(address) : address.split("/", 2)[0];
        if (host.isEmpty()) {
            throw BerthException.invalid("invalid registry address: " + serverAddress);
        }
        return host.equals(DOCKER_HUB_INDEX) || host.equals("registry-1.docker.io")
                ? ImageReference.DEFAULT_DOMAIN : host;
    }

    private static String authority(String url) {
        try {
            String authority = URI.create(url).getRawAuthority();
            return authority == null ? "" : authority;
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("invalid registry address: " + url);
        }
    }
}

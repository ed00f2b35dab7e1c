package dev.berth.image.registry;

/**
 * What the caller knows to log in with; every field may be empty. Mirrors Docker's AuthConfig:
 * {@code identityToken} is an OAuth refresh token for the registry's token service,
 * {@code registryToken} a bearer token sent to the registry as it is.
 */
public record RegistryCredentials(String username, String password, String identityToken, String registryToken) {

    private static final RegistryCredentials ANONYMOUS = new RegistryCredentials("", "", "", "");

    public RegistryCredentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
        registryToken = registryToken == null ? "" : registryToken;
    }

    public static RegistryCredentials anonymous() {
        return ANONYMOUS;
    }

    public static RegistryCredentials basic(String username, String password) {
        return new RegistryCredentials(username, password, "", "");
    }

    boolean hasPassword() {
        return !username.isEmpty() && !password.isEmpty();
    }

    /** Keeps secrets out of logs and exception messages. */
    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + "]";
    }
}

package dev.berth.image.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request needs to be authorised for: the registry ({@code host[:port]} actually spoken
 * to), the token scopes (e.g. {@code repository:x/y:pull}) and whose credentials. Tokens are
 * cached per AuthScope, so one user's token never serves another.
 */
record AuthScope(String authority, List<String> scopes, RegistryCredentials credentials) {

    AuthScope {
        scopes = List.copyOf(scopes);
    }

    static AuthScope pull(Endpoint endpoint, Repository repository, RegistryCredentials credentials) {
        return new AuthScope(endpoint.authority(), List.of("repository:" + repository.path() + ":pull"), credentials);
    }

    static AuthScope push(Endpoint endpoint, Repository repository, RegistryCredentials credentials) {
        return new AuthScope(endpoint.authority(), List.of("repository:" + repository.path() + ":pull,push"),
                credentials);
    }

    AuthScope plusPull(Repository other) {
        String scope = "repository:" + other.path() + ":pull";
        return scopes.contains(scope) ? this : new AuthScope(authority, concat(scopes, scope), credentials);
    }

    private static List<String> concat(List<String> list, String extra) {
        List<String> all = new ArrayList<>(list);
        all.add(extra);
        return all;
    }
}

package dev.berth.image.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs serve a registry: plain HTTP for loopback and configured insecure registries
 * (Docker's rule), HTTPS for the rest, and for docker.io pulls the configured mirrors first.
 */
final class Endpoints {

    private final List<String> insecure;
    private final List<URI> mirrors;

    Endpoints(RegistryConfig config) {
        this.insecure = config.insecureRegistries().stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
        this.mirrors = config.mirrors();
    }

    /** The registry itself, e.g. for push, which never goes to a mirror. */
    Endpoint primary(String apiHost) {
        String scheme = isPlainHttp(apiHost) ? "http" : "https";
        return new Endpoint(URI.create(scheme + "://" + apiHost), false);
    }

    /** Where to pull from, in order of preference. */
    List<Endpoint> forPull(Repository repository) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (repository.isDockerHub()) {
            mirrors.forEach(mirror -> endpoints.add(new Endpoint(mirror, true)));
        }
        endpoints.add(primary(repository.apiHost()));
        return endpoints;
    }

    /** @param authority {@code host[:port]}, IPv6 hosts in brackets */
    boolean isPlainHttp(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        if (insecure.contains(lower)) {
            return true;
        }
        String host = hostOf(lower);
        return host.equals("localhost") || host.equals("::1") || isLoopbackV4(host) || insecure.contains(host);
    }

    static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(1, end);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** 127.0.0.0/8 written as a dotted quad; names are not resolved, as Docker does not. */
    private static boolean isLoopbackV4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}

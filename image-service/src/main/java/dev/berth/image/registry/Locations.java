package dev.berth.image.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Resolves {@code Location} headers of upload sessions and redirects, which may be relative. */
final class Locations {

    private Locations() {
    }

    /** @throws RegistryException when the registry sent no Location or an unusable one */
    static URI resolve(URI request, String location, String method) {
        if (location == null || location.isBlank()) {
            throw new RegistryException(Calls.describe(method, request) + ": registry sent no Location header");
        }
        try {
            URI resolved = request.resolve(location.strip());
            if (resolved.getScheme() == null || resolved.getHost() == null
                    || !(resolved.getScheme().equals("http") || resolved.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return resolved;
        } catch (IllegalArgumentException e) {
            throw new RegistryException(Calls.describe(method, request) + ": invalid Location header \""
                    + location + "\": " + e.getMessage());
        }
    }

    /** Adds {@code name=value} to the query, keeping the upload session's own parameters. */
    static URI withQuery(URI uri, String name, String value) {
        String text = uri.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        String separator = uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? (text.endsWith("?") ? "" : "?")
                : "&";
        return URI.create(text + separator + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}

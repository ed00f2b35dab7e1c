package dev.berth.image.registry;

import java.net.URI;

/**
 * A base URL serving the registry API, e.g. {@code http://127.0.0.1:5000} or a mirror's
 * {@code https://mirror.example/prefix}.
 */
record Endpoint(URI base, boolean mirror) {

    /** {@code host[:port]} as spoken to, the key for TLS trust and cached tokens. */
    String authority() {
        return base.getRawAuthority();
    }

    /** {@code <base>/v2/<rest>}; {@code rest} is already escaped where needed. */
    URI api(String rest) {
        String text = base.toString();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + "/v2/" + rest);
    }
}

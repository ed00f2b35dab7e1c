package dev.berth.image.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JDK HttpClient per {@code scheme://host[:port]}, because TLS trust is per registry.
 * Redirects are followed by the callers, which must not forward credentials to another host.
 */
final class HttpClients {

    private final RegistryConfig config;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    HttpClients(RegistryConfig config) {
        this.config = config;
    }

    HttpClient forUri(URI uri) {
        return clients.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), key -> build(uri));
    }

    private HttpClient build(URI uri) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout());
        if ("https".equals(uri.getScheme())) {
            builder.sslContext(TlsTrust.forRegistry(config.certsDir(), uri.getRawAuthority()));
        }
        return builder.build();
    }
}

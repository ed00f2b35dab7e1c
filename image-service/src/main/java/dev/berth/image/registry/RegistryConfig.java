package dev.berth.image.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the registry client talks to registries; bound to {@code berth.image.registry.*}.
 *
 * @param connectTimeout     TCP + TLS connect limit per attempt
 * @param responseTimeout    limit for the response headers of one request
 * @param idleTimeout        limit between two reads of a response body (a stalled download fails)
 * @param maxAttempts        attempts of an idempotent GET/HEAD on connection failures and 5xx
 * @param retryBackoff       wait before the second attempt, doubled for each further one
 * @param maxAuthRenewals    fresh credentials tried per request after a 401, so a bad token cannot loop
 * @param insecureRegistries hosts ({@code host[:port]}) spoken to over plain HTTP, besides
 *                           {@code localhost} and 127.0.0.0/8
 * @param mirrors            base URLs tried, in order, before docker.io for pulls
 * @param certsDir           directory of {@code <host[:port]>/ca.crt} files trusted besides the JVM's
 *                           CAs, like Docker's certs.d; {@code null} for none
 * @param uploadChunkSize    blobs up to this size are pushed in one PUT, larger ones in PATCH chunks
 */
public record RegistryConfig(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout,
        int maxAttempts, Duration retryBackoff, int maxAuthRenewals, List<String> insecureRegistries,
        List<URI> mirrors, Path certsDir, long uploadChunkSize) {

    public RegistryConfig {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(30) : responseTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
        maxAuthRenewals = maxAuthRenewals <= 0 ? 2 : maxAuthRenewals;
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        uploadChunkSize = uploadChunkSize <= 0 ? 64L * 1024 * 1024 : uploadChunkSize;
    }

    /** All defaults: no mirrors, no extra CAs, no insecure registries besides the loopback ones. */
    public static RegistryConfig defaults() {
        return new RegistryConfig(null, null, null, 0, null, 0, null, null, null, 0);
    }
}

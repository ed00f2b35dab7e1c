package dev.berth.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Pushes fixture content into a registry through the distribution HTTP API, as a client would:
 * monolithic blob uploads ({@code POST} then {@code PUT ?digest=}) and manifests by tag or digest.
 */
public final class RegistryPush {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String authority;

    public RegistryPush(String authority) {
        this.authority = authority;
    }

    /** @return the blob's digest */
    public String blob(String repository, byte[] content) {
        String digest = sha256(content);
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        URI location = uri("/").resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), 201);
        return digest;
    }

    /** @return the manifest's digest */
    public String manifest(String repository, String tagOrDigest, String mediaType, byte[] manifest) {
        send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tagOrDigest))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), 201);
        return sha256(manifest);
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + authority + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(response.request().method() + " " + response.uri() + ": "
                        + response.statusCode() + " " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("registry push failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

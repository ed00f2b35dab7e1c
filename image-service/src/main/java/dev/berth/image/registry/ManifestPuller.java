package dev.berth.image.registry;

import java.util.Optional;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;

/**
 * {@code GET/HEAD /v2/<name>/manifests/<tag|digest>}. The digest is computed over the raw bytes
 * before parsing, and checked when the request named a digest or the registry sent one.
 */
final class ManifestPuller {

    /** Larger than any real manifest; stops a garbage answer from filling memory. */
    private static final int LIMIT = 4 * 1024 * 1024;

    private final RegistryHttp http;

    ManifestPuller(RegistryHttp http) {
        this.http = http;
    }

    /**
     * @param pulled    the reference as the user gave it, for messages
     * @param tagOrDigest what to ask the registry for
     */
    FetchedManifest fetch(Endpoint endpoint, Repository repository, ImageReference pulled, String tagOrDigest,
            RegistryCredentials credentials) {
        Request request = request("GET", endpoint, repository, tagOrDigest, credentials);
        try (Response response = http.send(request)) {
            if (response.status() != 200) {
                throw ErrorResponses.toException(response, pulled);
            }
            byte[] bytes = response.bytes(LIMIT);
            Digest actual = Digest.of(bytes);
            Digest expected = expectedDigest(tagOrDigest, response);
            if (expected != null && !expected.equals(actual)) {
                throw new UnexpectedDigestException(request.describe() + ": manifest digest mismatch: expected "
                        + expected + ", got " + actual, expected, actual);
            }
            try {
                return new FetchedManifest(actual, bytes, ManifestParser.parse(response.header("Content-Type"), bytes));
            } catch (IllegalArgumentException e) {
                throw new RegistryException(request.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The manifest's descriptor without its body, or empty when the registry does not have it. */
    Optional<Descriptor> head(Endpoint endpoint, Repository repository, ImageReference pulled, String tagOrDigest,
            RegistryCredentials credentials) {
        Request request = request("HEAD", endpoint, repository, tagOrDigest, credentials);
        try (Response response = http.send(request)) {
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (response.status() != 200) {
                throw ErrorResponses.toException(response, pulled);
            }
            String digest = response.header("Docker-Content-Digest");
            long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (digest == null || size < 0) {
                throw new RegistryException(request.describe()
                        + ": registry sent no Docker-Content-Digest or Content-Length for the manifest");
            }
            return Optional.of(Descriptor.of(MediaTypes.essence(response.header("Content-Type")),
                    parseDigest(request, digest), size));
        }
    }

    private static Request request(String method, Endpoint endpoint, Repository repository, String tagOrDigest,
            RegistryCredentials credentials) {
        return Request.of(method, endpoint.api(repository.path() + "/manifests/" + tagOrDigest),
                AuthScope.pull(endpoint, repository, credentials))
                .header("Accept", MediaTypes.ACCEPT_MANIFESTS);
    }

    /** The digest asked for, else the one the registry claims (sha256 only; others are not checked). */
    private static Digest expectedDigest(String tagOrDigest, Response response) {
        if (tagOrDigest.contains(":")) {
            return Digest.parse(tagOrDigest);
        }
        String header = response.header("Docker-Content-Digest");
        if (header == null || !header.startsWith(Digest.ALGORITHM + ":")) {
            return null;
        }
        return parseDigest(response.request(), header);
    }

    private static Digest parseDigest(Request request, String value) {
        try {
            return Digest.parse(value);
        } catch (BerthException e) {
            throw new RegistryException(request.describe() + ": invalid Docker-Content-Digest \"" + value + "\"");
        }
    }
}

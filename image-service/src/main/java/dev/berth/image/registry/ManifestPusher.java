package dev.berth.image.registry;

import java.net.http.HttpRequest;

import dev.berth.common.digest.Digest;

/** {@code PUT /v2/<name>/manifests/<tag|digest>} with the manifest's own media type. */
final class ManifestPusher {

    private final RegistryHttp http;

    ManifestPusher(RegistryHttp http) {
        this.http = http;
    }

    /** @return the digest of the bytes pushed, which the registry must agree with */
    Digest push(Endpoint endpoint, Repository repository, String tagOrDigest, String mediaType, byte[] manifest,
            RegistryCredentials credentials) {
        Digest digest = Digest.of(manifest);
        Request request = Request.of("PUT", endpoint.api(repository.path() + "/manifests/" + tagOrDigest),
                AuthScope.push(endpoint, repository, credentials))
                .header("Content-Type", mediaType)
                .body(() -> HttpRequest.BodyPublishers.ofByteArray(manifest), null);
        try (Response response = http.send(request)) {
            if (response.status() != 201) {
                throw ErrorResponses.toException(response);
            }
            String answered = response.header("Docker-Content-Digest");
            if (answered != null && answered.startsWith(Digest.ALGORITHM + ":")
                    && !answered.equals(digest.toString())) {
                throw new UnexpectedDigestException(request.describe() + ": registry stored the manifest as "
                        + answered + ", expected " + digest, digest, null);
            }
            return digest;
        }
    }
}

package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Set;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.Ingester;

/**
 * {@code GET /v2/<name>/blobs/<digest>}, following redirects (to object storage, typically)
 * without sending the registry's credentials there, and verifying size and digest as it streams.
 */
final class BlobPuller {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final RegistryHttp http;

    BlobPuller(RegistryHttp http) {
        this.http = http;
    }

    /** The blob's bytes, verified while read; the caller closes the stream. */
    InputStream open(Endpoint endpoint, Repository repository, Descriptor blob, RegistryCredentials credentials) {
        Request request = Request.of("GET", endpoint.api(repository.path() + "/blobs/" + blob.digest()),
                AuthScope.pull(endpoint, repository, credentials));
        Response response = http.send(request);
        for (int redirects = 0; REDIRECTS.contains(response.status()); redirects++) {
            response.discard();
            if (redirects == MAX_REDIRECTS) {
                throw new RegistryException(request.describe() + ": stopped after " + MAX_REDIRECTS + " redirects");
            }
            URI target = Locations.resolve(response.uri(), response.header("Location"), "GET");
            response = http.send(Request.of("GET", target, null));
        }
        if (response.status() != 200) {
            try (Response failed = response) {
                throw ErrorResponses.toException(failed);
            }
        }
        return new VerifyingInputStream(response.body(), blob.digest(), blob.size(), request.describe());
    }

    /**
     * Streams the blob into the store; the writer commits only after the stream has verified it,
     * so a bad download leaves nothing visible.
     */
    BlobInfo fetchInto(Endpoint endpoint, Repository repository, Descriptor blob, Ingester ingester,
            RegistryCredentials credentials) {
        try (InputStream in = open(endpoint, repository, blob, credentials);
                ContentWriter writer = ingester.writer()) {
            OutputStream out = writer.stream();
            in.transferTo(out);
            out.flush();
            return writer.commit(blob.size(), blob.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

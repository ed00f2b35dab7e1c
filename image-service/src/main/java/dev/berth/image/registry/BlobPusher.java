package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Pushes one blob: {@code HEAD} to skip what is there, {@code POST .../blobs/uploads/} (with
 * {@code ?mount=&from=} to mount from another repository of the same registry, which answers 201
 * when it did and 202 with an upload session when it did not), then either one {@code PUT
 * ?digest=} with the whole blob or {@code PATCH} chunks and an empty closing {@code PUT}.
 */
final class BlobPusher {

    /** Uploads slower than this fail on the request timeout instead of hanging. */
    private static final long MIN_BYTES_PER_SECOND = 1024 * 1024;

    private final RegistryHttp http;
    private final RegistryConfig config;

    BlobPusher(RegistryHttp http, RegistryConfig config) {
        this.http = http;
        this.config = config;
    }

    /** @param mountFrom a repository on the same registry that may hold the blob, or {@code null} */
    PushOutcome push(Endpoint endpoint, Repository repository, Descriptor blob, BlobSource source,
            Repository mountFrom, RegistryCredentials credentials) {
        AuthScope scope = AuthScope.push(endpoint, repository, credentials);
        if (exists(endpoint, repository, blob, scope)) {
            return PushOutcome.ALREADY_EXISTS;
        }
        String start = repository.path() + "/blobs/uploads/";
        if (mountFrom != null) {
            scope = scope.plusPull(mountFrom);
            start += "?mount=" + blob.digest() + "&from=" + mountFrom.path();
        }
        URI location;
        try (Response response = http.send(Request.of("POST", endpoint.api(start), scope)
                .header("Content-Type", "application/octet-stream"))) {
            if (response.status() == 201 && mountFrom != null) {
                return PushOutcome.MOUNTED;
            }
            if (response.status() != 202) {
                throw ErrorResponses.toException(response);
            }
            location = Locations.resolve(response.uri(), response.header("Location"), "POST");
        }
        if (blob.size() <= config.uploadChunkSize()) {
            finish(location, blob, scope, () -> publisher(source, 0, blob.size()), blob.size());
        } else {
            finish(uploadChunks(location, blob, source, scope), blob, scope, HttpRequest.BodyPublishers::noBody, 0);
        }
        return PushOutcome.UPLOADED;
    }

    boolean exists(Endpoint endpoint, Repository repository, Descriptor blob, AuthScope scope) {
        try (Response response = http.send(Request.of("HEAD",
                endpoint.api(repository.path() + "/blobs/" + blob.digest()), scope))) {
            if (response.status() == 200) {
                return true;
            }
            if (response.status() == 404) {
                return false;
            }
            throw ErrorResponses.toException(response);
        }
    }

    private URI uploadChunks(URI location, Descriptor blob, BlobSource source, AuthScope scope) {
        for (long offset = 0; offset < blob.size(); offset += config.uploadChunkSize()) {
            long length = Math.min(config.uploadChunkSize(), blob.size() - offset);
            long chunkStart = offset;
            Request patch = Request.of("PATCH", location, scope)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", offset + "-" + (offset + length - 1))
                    .body(() -> publisher(source, chunkStart, length), sendTimeout(length));
            try (Response response = http.send(patch)) {
                if (response.status() != 202) {
                    throw ErrorResponses.toException(response);
                }
                location = Locations.resolve(response.uri(), response.header("Location"), "PATCH");
            }
        }
        return location;
    }

    private void finish(URI location, Descriptor blob, AuthScope scope, Supplier<HttpRequest.BodyPublisher> body,
            long length) {
        Request put = Request.of("PUT", Locations.withQuery(location, "digest", blob.digest().toString()), scope)
                .header("Content-Type", "application/octet-stream")
                .body(body, sendTimeout(length));
        try (Response response = http.send(put)) {
            if (response.status() != 201) {
                throw ErrorResponses.toException(response);
            }
        }
    }

    private Duration sendTimeout(long length) {
        return config.responseTimeout().plusSeconds(length / MIN_BYTES_PER_SECOND);
    }

    /** {@code length} bytes of the source from {@code offset}; the length sets Content-Length. */
    private static HttpRequest.BodyPublisher publisher(BlobSource source, long offset, long length) {
        if (length == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        Supplier<InputStream> slice = () -> {
            try {
                InputStream in = source.open();
                in.skipNBytes(offset);
                return new BoundedInputStream(in, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(slice), length);
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

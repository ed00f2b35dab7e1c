package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

/** A registry response whose body is still unread; close it, or read it with {@link #bytes}. */
final class Response implements AutoCloseable {

    private final Request request;
    private final HttpResponse<InputStream> response;

    Response(Request request, HttpResponse<InputStream> response) {
        this.request = request;
        this.response = response;
    }

    Request request() {
        return request;
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    InputStream body() {
        return response.body();
    }

    URI uri() {
        return request.uri();
    }

    /**
     * Reads the whole body, at most {@code limit} bytes.
     *
     * @throws RegistryException when it is longer or the connection fails midway
     */
    byte[] bytes(int limit) {
        try (InputStream in = response.body()) {
            byte[] data = in.readNBytes(limit + 1);
            if (data.length > limit) {
                throw new RegistryException(request.describe() + ": response body larger than " + limit + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new RegistryUnavailableException(message(e), e);
        }
    }

    /** Reads the rest of a small body so the connection can be reused; large bodies are dropped. */
    void discard() {
        try (InputStream in = response.body()) {
            in.readNBytes(64 * 1024);
        } catch (IOException e) {
            // the body is not needed; a broken connection is not reused anyway
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private String message(IOException e) {
        String text = e.getMessage();
        return text != null && text.startsWith(request.describe()) ? text
                : request.describe() + ": " + (text == null ? e.getClass().getSimpleName() : text);
    }
}

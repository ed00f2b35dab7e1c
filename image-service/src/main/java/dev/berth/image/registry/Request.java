package dev.berth.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One registry request. The body is a supplier because a request may be sent again (after a 401 or
 * a retry) and a publisher over a stream can be used only once. {@code auth == null} sends no
 * credentials at all, e.g. to a blob storage host a registry redirected to.
 */
record Request(String method, URI uri, Map<String, String> headers, Supplier<HttpRequest.BodyPublisher> body,
        AuthScope auth, Duration timeout) {

    Request {
        headers = Map.copyOf(headers);
    }

    static Request of(String method, URI uri, AuthScope auth) {
        return new Request(method, uri, Map.of(), HttpRequest.BodyPublishers::noBody, auth, null);
    }

    Request header(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Request(method, uri, all, body, auth, timeout);
    }

    Request body(Supplier<HttpRequest.BodyPublisher> publisher, Duration sendTimeout) {
        return new Request(method, uri, headers, publisher, auth, sendTimeout);
    }

    /** GET and HEAD may be repeated after a connection failure or a 5xx; uploads may not. */
    boolean idempotent() {
        return method.equals("GET") || method.equals("HEAD");
    }

    String describe() {
        return Calls.describe(method, uri);
    }
}

package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends registry requests: authorisation (and its bounded renewal on 401), timeouts, and retries
 * with exponential backoff of idempotent requests on connection failures and 5xx. Answers of any
 * other status are returned for the caller to judge; transport failures become
 * {@link RegistryUnavailableException}s.
 */
final class RegistryHttp {

    private final RegistryConfig config;
    private final HttpClients clients;
    private final Authenticator authenticator;

    RegistryHttp(RegistryConfig config, HttpClients clients, Authenticator authenticator) {
        this.config = config;
        this.clients = clients;
        this.authenticator = authenticator;
    }

    Response send(Request request) {
        Optional<String> authorization = request.auth() == null ? Optional.empty() : initial(request);
        int failures = 0;
        int renewals = 0;
        while (true) {
            Response response;
            try {
                response = sendOnce(request, authorization);
            } catch (IOException e) {
                failures++;
                if (!request.idempotent() || failures >= config.maxAttempts()) {
                    throw Calls.unavailable(request.method(), request.uri(), e);
                }
                backoff(request, failures);
                continue;
            }
            // the same answer twice will not change the registry's mind, so stop there
            if (response.status() == 401 && request.auth() != null && renewals < config.maxAuthRenewals()) {
                Optional<String> renewed = renew(request, response);
                if (renewed.isPresent() && !renewed.equals(authorization)) {
                    response.discard();
                    renewals++;
                    authorization = renewed;
                    continue;
                }
                return response;
            }
            if (response.status() >= 500 && request.idempotent() && failures + 1 < config.maxAttempts()) {
                response.discard();
                failures++;
                backoff(request, failures);
                continue;
            }
            return response;
        }
    }

    private Optional<String> initial(Request request) {
        try {
            return authenticator.initial(request.auth());
        } catch (RegistryException e) {
            throw ErrorResponses.underCall(e, request);
        }
    }

    private Optional<String> renew(Request request, Response response) {
        try {
            return authenticator.renew(request.auth(), response.headers().allValues("WWW-Authenticate"));
        } catch (RegistryException e) {
            response.discard();
            throw ErrorResponses.underCall(e, request);
        }
    }

    private Response sendOnce(Request request, Optional<String> authorization) throws IOException {
        Duration timeout = request.timeout() != null ? request.timeout() : config.responseTimeout();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), request.body().get());
        request.headers().forEach(builder::header);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        try {
            HttpResponse<InputStream> response = clients.forUri(request.uri())
                    .send(builder.build(), TimedBody.handler(config.idleTimeout(), request.describe()));
            return new Response(request, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(request.describe() + ": interrupted", e);
        }
    }

    private void backoff(Request request, int failures) {
        long millis = config.retryBackoff().toMillis() << Math.min(failures - 1, 10);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(request.describe() + ": interrupted", e);
        }
    }
}

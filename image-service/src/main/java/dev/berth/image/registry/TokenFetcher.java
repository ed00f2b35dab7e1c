package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets bearer tokens from the realm of a {@code WWW-Authenticate: Bearer} challenge (the Docker
 * token protocol): {@code GET realm?service=...&scope=...}, with Basic credentials when given, or
 * an OAuth2 refresh-token POST when the caller has an identity token.
 */
final class TokenFetcher {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** The token spec's default lifetime when the service names none. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final int BODY_LIMIT = 1024 * 1024;

    private final RegistryConfig config;
    private final HttpClients clients;
    private final Clock clock;

    TokenFetcher(RegistryConfig config, HttpClients clients, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.clock = clock;
    }

    BearerToken fetch(AuthChallenge challenge, List<String> scopes, RegistryCredentials credentials) {
        URI realm = realm(challenge);
        String service = challenge.parameter("service");
        Request request = credentials.identityToken().isEmpty()
                ? tokenGet(realm, service, scopes, credentials)
                : refreshTokenPost(realm, service, scopes, credentials.identityToken());
        try (Response response = send(request)) {
            if (response.status() != 200) {
                throw ErrorResponses.tokenError(response);
            }
            return parse(request, response.bytes(BODY_LIMIT));
        }
    }

    private static URI realm(AuthChallenge challenge) {
        String realm = challenge.parameter("realm");
        try {
            URI uri = URI.create(realm);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new RegistryException("invalid token realm \"" + realm + "\" in WWW-Authenticate challenge: "
                    + e.getMessage());
        }
    }

    private static Request tokenGet(URI realm, String service, List<String> scopes, RegistryCredentials credentials) {
        StringBuilder query = new StringBuilder();
        if (!service.isEmpty()) {
            append(query, "service", service);
        }
        scopes.forEach(scope -> append(query, "scope", scope));
        if (!credentials.username().isEmpty()) {
            append(query, "account", credentials.username());
        }
        String base = realm.toString();
        String separator = realm.getRawQuery() == null ? "?" : "&";
        URI uri = query.length() == 0 ? realm : URI.create(base + separator + query);
        Request request = Request.of("GET", uri, null);
        if (credentials.hasPassword()) {
            String pair = credentials.username() + ":" + credentials.password();
            request = request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Request refreshTokenPost(URI realm, String service, List<String> scopes, String refreshToken) {
        StringBuilder form = new StringBuilder();
        append(form, "grant_type", "refresh_token");
        append(form, "refresh_token", refreshToken);
        append(form, "service", service);
        append(form, "client_id", "berth");
        if (!scopes.isEmpty()) {
            append(form, "scope", String.join(" ", scopes));
        }
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        return Request.of("POST", realm, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(() -> HttpRequest.BodyPublishers.ofByteArray(body), null);
    }

    private Response send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(config.responseTimeout())
                .method(request.method(), request.body().get());
        request.headers().forEach(builder::header);
        try {
            HttpResponse<InputStream> response = clients.forUri(request.uri())
                    .send(builder.build(), TimedBody.handler(config.idleTimeout(), request.describe()));
            return new Response(request, response);
        } catch (IOException e) {
            throw Calls.unavailable(request.method(), request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(request.describe() + ": interrupted", e);
        }
    }

    /** {@code token} per Docker's spec, {@code access_token} per OAuth2; either will do. */
    private BearerToken parse(Request request, byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new RegistryException(request.describe() + ": invalid token response: " + e.getOriginalMessage());
        }
        String token = text(root, "token");
        if (token.isEmpty()) {
            token = text(root, "access_token");
        }
        if (token.isEmpty()) {
            throw new RegistryException(request.describe() + ": token response has neither token nor access_token");
        }
        JsonNode expiresIn = root.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
        // renew a little early so a token does not expire in flight
        Instant expiresAt = clock.instant().plus(lifetime.multipliedBy(9).dividedBy(10));
        return new BearerToken(token, expiresAt);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root == null ? null : root.get(field);
        return value == null || !value.isString() ? "" : value.asString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}

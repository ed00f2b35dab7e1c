package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A Docker token service for the test registry, on 127.0.0.1: {@code GET /token} with Basic
 * credentials, and the OAuth2 refresh-token {@code POST /token}. Known users get every action
 * they ask for, anonymous callers none; tokens are RS256 JWTs whose {@code x5c} certificate is
 * the registry's {@code rootcertbundle}.
 */
final class TokenIssuer implements AutoCloseable {

    static final String SERVICE = "berth-test-registry";
    static final String ISSUER = "berth-test-issuer";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final String username;
    private final String password;
    private final String refreshToken;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();

    TokenIssuer(String username, String password, String refreshToken) throws IOException, GeneralSecurityException {
        this.username = username;
        this.password = password;
        this.refreshToken = refreshToken;
        this.keys = TestCertificates.rsaKeys();
        this.certificate = TestCertificates.selfSigned(keys, "berth test token issuer", null);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Token requests served so far, to check caching. */
    int requests() {
        return requests.get();
    }

    /** The requests served, for failure messages. */
    List<String> log() {
        return List.copyOf(log);
    }

    Path writeCertificate(Path file) throws IOException {
        try {
            return TestCertificates.writePem(certificate, file);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A token granting {@code scopes} to the known user, e.g. to hand out as a registry token. */
    String issue(List<String> scopes) {
        return jwt(username, scopes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        log.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        try (exchange) {
            Map<String, List<String>> query = form(exchange.getRequestURI().getRawQuery());
            String subject;
            if (exchange.getRequestMethod().equals("POST")) {
                try (InputStream body = exchange.getRequestBody()) {
                    query = form(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
                subject = refreshToken.equals(first(query, "refresh_token")) ? username : null;
                if (subject == null) {
                    answer(exchange, 401, Map.of("details", "invalid refresh token"));
                    return;
                }
                List<String> scopes = List.of(first(query, "scope").split(" "));
                answer(exchange, 200, Map.of("access_token", jwt(subject, scopes), "expires_in", 300));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null) {
                subject = "";
            } else if (authorization.equals(basic(username, password))) {
                subject = username;
            } else {
                answer(exchange, 401, Map.of("details", "incorrect username or password"));
                return;
            }
            List<String> scopes = subject.isEmpty() ? List.of() : query.getOrDefault("scope", List.of());
            answer(exchange, 200, Map.of("token", jwt(subject, scopes), "expires_in", 300));
        }
    }

    private String jwt(String subject, List<String> scopes) {
        try {
            Map<String, Object> header = Map.of("typ", "JWT", "alg", "RS256",
                    "x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", SERVICE);
            claims.put("exp", now + 300);
            claims.put("nbf", now - 10);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access(scopes));
            String signingInput = URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code repository:x/y:pull,push} becomes {@code {type, name, actions}}. */
    private static List<Map<String, Object>> access(List<String> scopes) {
        List<Map<String, Object>> access = new ArrayList<>();
        for (String scope : scopes) {
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            if (first < 0 || last == first) {
                continue;
            }
            access.add(Map.of("type", scope.substring(0, first), "name", scope.substring(first + 1, last),
                    "actions", List.of(scope.substring(last + 1).split(","))));
        }
        return access;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> form(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? "" : list.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

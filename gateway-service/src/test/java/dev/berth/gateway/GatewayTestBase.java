package dev.berth.gateway;

import dev.berth.gateway.fake.FakeBackends;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The gateway on a random port, with every backend faked behind real gRPC on another. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "server.address=127.0.0.1"})
public abstract class GatewayTestBase {

    /** Shared by every test class, as the cached Spring context is; they end with the JVM. */
    protected static final FakeBackends BACKENDS = start();
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    protected int port;

    private static FakeBackends start() {
        try {
            return new FakeBackends();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("berth.gateway.image-service", BACKENDS::address);
        registry.add("berth.gateway.container-service", BACKENDS::address);
        registry.add("berth.gateway.socket.path", () -> SOCKET.toString());
    }

    /** The gateway's unix socket in these tests: a file of their own, not a running Berth's. */
    protected static final java.nio.file.Path SOCKET = socketPath();

    private static java.nio.file.Path socketPath() {
        try {
            return java.nio.file.Files.createTempDirectory("berth-gateway-test").resolve("berth.sock");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> send(String method, String path, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<byte[]> sendBytes(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

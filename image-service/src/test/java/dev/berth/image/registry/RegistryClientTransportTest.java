package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.berth.common.digest.Digest;
import dev.berth.image.reference.ImageReference;

/** Connection failures, timeouts, retries and garbage answers. */
class RegistryClientTransportTest {

    private static final RegistryCredentials ANONYMOUS = RegistryCredentials.anonymous();
    private static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,
             "digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},"layers":[]}""";

    private final RegistryClient client = new RegistryClient(new RegistryConfig(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofMillis(300), 3, Duration.ofMillis(10), 2, List.of(), List.of(), null,
            0));
    private FakeRegistry fake;

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void ping_registryDown_failsQuicklyNamingTheHost() throws IOException {
        String down = "127.0.0.1:" + TestRegistry.freePort();
        Instant start = Instant.now();

        assertThatThrownBy(() -> client.ping(down, ANONYMOUS))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessage("Get \"http://" + down + "/v2/\": dial tcp " + down + ": connect: connection refused");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void fetchManifest_htmlAnswer_failsClearly() throws IOException {
        fake = new FakeRegistry((exchange, registry) ->
                FakeRegistry.answer(exchange, 200, "text/html", "<html><body>Welcome to nginx!</body></html>"));

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y:t"), ANONYMOUS))
                .isExactlyInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Get \"http://" + fake.authority() + "/v2/x/y/manifests/t\": invalid manifest "
                        + "JSON: Unexpected character ('<' (code 60))");
    }

    @Test
    void fetchManifest_truncatedJson_failsClearly() throws IOException {
        fake = new FakeRegistry((exchange, registry) ->
                FakeRegistry.answer(exchange, 200, MediaTypes.OCI_MANIFEST, MANIFEST.substring(0, 40)));

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y:t"), ANONYMOUS))
                .isExactlyInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Get \"http://" + fake.authority() + "/v2/x/y/manifests/t\": invalid manifest "
                        + "JSON: Unexpected end-of-input");
    }

    @Test
    void fetchManifest_connectionClosedMidBody_isUnavailable() throws IOException {
        fake = new FakeRegistry((exchange, registry) -> {
            exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(MANIFEST.substring(0, 40).getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            exchange.getResponseBody().close();
        });

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y:t"), ANONYMOUS))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("Get \"http://" + fake.authority() + "/v2/x/y/manifests/t\": ");
    }

    @Test
    void openBlob_serverStopsSending_failsOnTheIdleTimeout() throws IOException {
        fake = new FakeRegistry((exchange, registry) -> {
            exchange.sendResponseHeaders(200, 100);
            OutputStream body = exchange.getResponseBody();
            body.write(new byte[10]);
            body.flush();
            registry.stall();
        });
        Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER, Digest.of(new byte[100]), 100);

        try (InputStream in = client.openBlob(ref("x/y"), blob, ANONYMOUS)) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessage("Get \"http://" + fake.authority() + "/v2/x/y/blobs/" + blob.digest()
                            + "\": read: i/o timeout (no data for 300 ms)");
        }
    }

    @Test
    void fetchManifest_serverErrorOnce_isRetried() throws IOException {
        fake = new FakeRegistry((exchange, registry) -> {
            if (registry.requests() == 1) {
                FakeRegistry.answer(exchange, 503, "text/plain", "busy");
            } else {
                FakeRegistry.answer(exchange, 200, MediaTypes.OCI_MANIFEST, MANIFEST);
            }
        });

        FetchedManifest fetched = client.fetchManifest(ref("x/y:t"), ANONYMOUS);

        assertThat(fetched.digest()).isEqualTo(Digest.of(MANIFEST.getBytes(StandardCharsets.UTF_8)));
        assertThat(fake.requests()).isEqualTo(2);
    }

    @Test
    void fetchManifest_serverErrorEveryTime_givesUpAfterMaxAttempts() throws IOException {
        fake = new FakeRegistry((exchange, registry) ->
                FakeRegistry.answer(exchange, 503, "text/html", "<html>down for maintenance</html>"));

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y:t"), ANONYMOUS))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessage("Get \"http://" + fake.authority() + "/v2/x/y/manifests/t\": received unexpected HTTP "
                        + "status: 503 Service Unavailable");
        assertThat(fake.requests()).isEqualTo(3);
    }

    @Test
    void fetchManifest_wrongDigestByDigest_failsNamingBothDigests() throws IOException {
        fake = new FakeRegistry((exchange, registry) ->
                FakeRegistry.answer(exchange, 200, MediaTypes.OCI_MANIFEST, MANIFEST));
        Digest asked = Digest.of("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y@" + asked), ANONYMOUS))
                .isInstanceOf(UnexpectedDigestException.class)
                .hasMessage("Get \"http://" + fake.authority() + "/v2/x/y/manifests/" + asked + "\": manifest digest "
                        + "mismatch: expected " + asked + ", got " + Digest.of(MANIFEST.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fetchManifest_basicChallengeWithoutCredentials_doesNotLoop() throws IOException {
        fake = new FakeRegistry((exchange, registry) -> {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
            FakeRegistry.answer(exchange, 401, "text/plain", "");
        });

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y:t"), ANONYMOUS))
                .isInstanceOf(RegistryUnauthorizedException.class)
                .hasMessage("Get \"http://" + fake.authority() + "/v2/x/y/manifests/t\": no basic auth credentials");
        assertThat(fake.requests()).isEqualTo(1);
    }

    private ImageReference ref(String path) {
        return ImageReference.parse(fake.authority() + "/" + path);
    }
}

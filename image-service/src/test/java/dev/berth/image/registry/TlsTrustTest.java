package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** HTTPS to a registry whose CA is only in {@code <certsDir>/<host:port>/ca.crt}. */
class TlsTrustTest {

    @TempDir
    Path certsDir;
    private HttpsServer server;
    private X509Certificate certificate;

    @BeforeEach
    void startHttpsServer() throws IOException, GeneralSecurityException {
        KeyPair keys = TestCertificates.rsaKeys();
        certificate = TestCertificates.selfSigned(keys, "127.0.0.1", "127.0.0.1");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/v2/", exchange -> {
            try (exchange) {
                FakeRegistry.answer(exchange, 200, "application/json", "{}");
            }
        });
        server.start();
    }

    @AfterEach
    void stopHttpsServer() {
        server.stop(0);
    }

    @Test
    void forRegistry_caFileInCertsDir_isTrusted() throws IOException, GeneralSecurityException {
        TestCertificates.writePem(certificate, certsDir.resolve(authority()).resolve("ca.crt"));

        try (Response response = http(certsDir).send(Request.of("GET", v2(), null))) {
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void forRegistry_withoutCaFile_failsVerificationNamingTheRegistry() {
        assertThatThrownBy(() -> http(certsDir).send(Request.of("GET", v2(), null)))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("Get \"https://" + authority() + "/v2/\": tls: PKIX path building failed");
    }

    private RegistryHttp http(Path certs) {
        RegistryConfig config = new RegistryConfig(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1, null, 0, List.of(), List.of(), certs, 0);
        HttpClients clients = new HttpClients(config);
        return new RegistryHttp(config, clients,
                new Authenticator(new TokenFetcher(config, clients, Clock.systemUTC()), Clock.systemUTC()));
    }

    private String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private URI v2() {
        return URI.create("https://" + authority() + "/v2/");
    }
}

package dev.berth.image.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.berth.common.digest.Digest;

/**
 * A real registry (Debian's {@code docker-registry}, distribution 2.8) on 127.0.0.1 and a free
 * port, storing under a test directory. Killed on close and, failing that, when the JVM exits.
 */
public final class TestRegistry implements AutoCloseable {

    private static final String BINARY = "/usr/bin/docker-registry";

    private final Process process;
    private final Thread killer;
    private final int port;
    private final Path storage;
    private final Path log;

    private TestRegistry(Process process, int port, Path storage, Path log) {
        this.process = process;
        this.port = port;
        this.storage = storage;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "kill-test-registry");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    public static TestRegistry open(Path dir) throws IOException {
        return start(dir, "");
    }

    /** Basic auth against an htpasswd file holding one bcrypt entry. */
    public static TestRegistry withHtpasswd(Path dir, String username, String password) throws IOException {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.entry(username, password) + "\n");
        return start(dir, """
                auth:
                  htpasswd:
                    realm: berth-test
                    path: %s
                """.formatted(htpasswd));
    }

    /** Token auth: the registry trusts JWTs signed by the issuer's certificate. */
    static TestRegistry withTokenAuth(Path dir, TokenIssuer issuer) throws IOException {
        Path bundle = issuer.writeCertificate(dir.resolve("token-ca.pem"));
        return start(dir, """
                auth:
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(issuer.realm(), TokenIssuer.SERVICE, TokenIssuer.ISSUER, bundle));
    }

    private static TestRegistry start(Path dir, String auth) throws IOException {
        int port = freePort();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: berth-test-secret
                %s""".formatted(storage, port, auth));
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        TestRegistry registry = new TestRegistry(process, port, storage, log);
        try {
            registry.awaitReady(Duration.ofSeconds(20));
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** Polls {@code /v2/} until the registry answers (any status: 401 means ready, too). */
    private void awaitReady(Duration limit) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + authority() + "/v2/"))
                .timeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try {
                client.send(ping, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            // waiting on the process both paces the poll and notices a crash
            if (exited(Duration.ofMillis(20))) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
        }
        throw new IOException("docker-registry not ready after " + limit + ":\n" + Files.readString(log));
    }

    private boolean exited(Duration wait) throws IOException {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public String authority() {
        return "127.0.0.1:" + port;
    }

    /** Where the filesystem driver keeps a blob's bytes. */
    public Path blobData(Digest digest) {
        return storage.resolve("docker/registry/v2/blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex()
                + "/data");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is already exiting; the hook does the same
        }
    }
}

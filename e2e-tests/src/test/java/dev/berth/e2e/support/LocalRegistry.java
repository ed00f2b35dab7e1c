package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real registry (Debian's docker-registry) on 127.0.0.1 and a free port, storing under its own
 * temporary directory; ready once {@code /v2/} answers. Stop it with {@link #close}; a JVM exit
 * kills it too.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final String BINARY = "/usr/bin/docker-registry";
    private static final Duration READY_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final Thread killer;
    private final int port;
    private final Path dir;

    private LocalRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.killer = new Thread(process::destroyForcibly, "kill-local-registry");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    public static LocalRegistry start() {
        return start("");
    }

    /** A registry that wants Basic auth: one user, its password kept as bcrypt in an htpasswd file. */
    public static LocalRegistry withHtpasswd(String username, String password) {
        try {
            Path htpasswd = Files.createTempFile("e2e-htpasswd", "");
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            // cost 4, bcrypt's least: the test needs no protection and higher costs are slow
            Files.writeString(htpasswd, username + ":"
                    + OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), salt, 4) + "\n");
            return start("""
                    auth:
                      htpasswd:
                        realm: berth-e2e
                        path: %s
                    """.formatted(htpasswd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalRegistry start(String auth) {
        try {
            Path dir = Files.createTempDirectory("e2e-registry");
            int port = freePort();
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
                      maintenance:
                        uploadpurging:
                          enabled: false
                    http:
                      addr: 127.0.0.1:%d
                      secret: berth-e2e
                    """.formatted(dir.resolve("storage"), port) + auth);
            Process process = new ProcessBuilder(BINARY, "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile())
                    .start();
            LocalRegistry registry = new LocalRegistry(process, port, dir);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references. */
    public String authority() {
        return "127.0.0.1:" + port;
    }

    /** The file the registry serves a blob from: changing it makes the registry serve other bytes. */
    public Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return dir.resolve("storage/docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

    /** A port on 127.0.0.1 that nothing listens on (just now): a registry that is down. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + authority() + "/v2/"))
                .timeout(Duration.ofSeconds(1)).build();
        try {
            Waits.until("docker-registry on " + authority(), READY_LIMIT, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("docker-registry exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                    return status == 200 || status == 401; // 401: up, and asking for credentials
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            });
        } catch (AssertionError e) {
            close();
            throw e;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
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
        Commands.run(Duration.ofSeconds(30), "rm", "-rf", dir.toString());
    }
}

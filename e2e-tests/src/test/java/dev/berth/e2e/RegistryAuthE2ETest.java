package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.DockerCli;
import dev.berth.e2e.support.LocalRegistry;
import dev.berth.e2e.support.TestImages;

/**
 * docker login, push and pull against a registry that wants Basic auth (docker-registry with an
 * htpasswd file), with the real CLI keeping its credentials in a config directory of each test's
 * own. Messages are dockerd's for the same commands.
 */
class RegistryAuthE2ETest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "alice";
    private static final String PASSWORD = "pw-" + RUN;
    private static LocalRegistry registry;

    @TempDir
    Path dockerConfig;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.withHtpasswd(USER, PASSWORD);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void image() {
        TestImages.busybox();
    }

    @Test
    void login_wrongPassword_failsInDockersWords_andKeepsNothing() {
        CommandResult login = docker("wrong\n", "login", registry.authority(), "-u", USER, "--password-stdin");

        assertThat(login.exitCode()).as(login.toString()).isEqualTo(1);
        assertThat(login.stderr()).as(login.toString()).contains("Error response from daemon: login attempt to http://"
                + registry.authority() + "/v2/ failed with status: 401 Unauthorized");
        assertThat(savedCredentials()).doesNotContain(registry.authority());
    }

    @Test
    void withoutLogin_pushAndPull_failWithNoBasicAuthCredentials_andTheCliDoesNotPrompt() {
        String image = registry.authority() + "/auth-" + RUN + "/anonymous:1";
        ok(docker(null, "tag", TestImages.BUSYBOX, image));

        CommandResult push = docker(null, "push", image);
        CommandResult pull = docker(null, "pull", registry.authority() + "/auth-" + RUN + "/anonymous:1");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(1);
        assertThat(push.stdout() + push.stderr()).as(push.toString()).contains("no basic auth credentials");
        assertThat(pull.exitCode()).as(pull.toString()).isEqualTo(1);
        // a 401 from the engine would make the CLI ask for a username on its terminal instead
        assertThat(pull.stderr()).as(pull.toString()).contains(": no basic auth credentials")
                .doesNotContain("Username", "interactive login");
        ok(docker(null, "rmi", image));
    }

    @Test
    void login_thenPushRmiPull_roundTripsTheImage_andLogoutForgetsTheCredentials() {
        String image = registry.authority() + "/auth-" + RUN + "/round:1";
        String id = ok(docker(null, "image", "inspect", "--format", "{{.Id}}", TestImages.BUSYBOX)).stdout().trim();
        ok(docker(null, "tag", TestImages.BUSYBOX, image));

        CommandResult login = ok(docker(PASSWORD + "\n", "login", registry.authority(), "-u", USER,
                "--password-stdin"));
        CommandResult push = ok(docker(null, "push", image));
        ok(docker(null, "rmi", image));
        CommandResult pull = ok(docker(null, "pull", image));
        CommandResult logout = ok(docker(null, "logout", registry.authority()));

        assertThat(login.stdout()).contains("Login Succeeded");
        assertThat(push.stdout()).contains("1: digest: sha256:");
        assertThat(pull.stdout()).contains("Status: ");
        assertThat(ok(docker(null, "image", "inspect", "--format", "{{.Id}}", image)).stdout().trim()).isEqualTo(id);
        assertThat(logout.stdout()).contains("Removing login credentials for " + registry.authority());
        assertThat(savedCredentials()).doesNotContain(registry.authority());
        ok(docker(null, "rmi", image));
    }

    /** The CLI with this test's own config directory (where `docker login` keeps credentials). */
    private CommandResult docker(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("--config", dockerConfig.toString()));
        command.addAll(List.of(args));
        byte[] input = stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8);
        return DockerCli.dockerWithStdin(input, command.toArray(String[]::new));
    }

    private String savedCredentials() {
        Path config = dockerConfig.resolve("config.json");
        try {
            return Files.exists(config) ? Files.readString(config) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandResult ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}

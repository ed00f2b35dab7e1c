package dev.berth.image.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.error.BerthException;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.TestImages;
import dev.berth.image.registry.TestRegistry;

/** Against a real registry with htpasswd Basic auth. */
class RegistryLoginTest {

    @TempDir
    static Path dir;
    private static TestRegistry registry;
    private static RegistryLogin login;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = TestRegistry.withHtpasswd(dir, "ann", "s3cret-pw");
        login = new RegistryLogin(new RegistryClient(TestImages.testConfig()));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void login_rightPassword_succeeds() {
        assertThatCode(() -> login.login("ann", "s3cret-pw", registry.authority())).doesNotThrowAnyException();
        assertThatCode(() -> login.login("ann", "s3cret-pw", "http://" + registry.authority() + "/v2/"))
                .doesNotThrowAnyException();
    }

    @Test
    void login_wrongPassword_isUnauthenticatedInDockersWords() {
        assertThatThrownBy(() -> login.login("ann", "wrong", registry.authority()))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.UNAUTHENTICATED))
                .hasMessage("login attempt to http://" + registry.authority() + "/v2/ failed with status: 401 Unauthorized");
    }

    @Test
    void login_registryDown_isUnavailableNamingIt() {
        assertThatThrownBy(() -> login.login("ann", "pw", "127.0.0.1:1"))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.UNAVAILABLE))
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void registryHost_acceptsWhatTheCliSends() {
        assertThat(RegistryLogin.registryHost("")).isEqualTo("docker.io");
        assertThat(RegistryLogin.registryHost("https://index.docker.io/v1/")).isEqualTo("docker.io");
        assertThat(RegistryLogin.registryHost("127.0.0.1:5000")).isEqualTo("127.0.0.1:5000");
        assertThat(RegistryLogin.registryHost("http://127.0.0.1:5000/v2/")).isEqualTo("127.0.0.1:5000");
    }
}

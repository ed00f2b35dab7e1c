package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.TestImages.PushedImage;

/** A real registry with htpasswd Basic auth. */
class RegistryClientBasicAuthTest {

    private static final RegistryCredentials ANN = RegistryCredentials.basic("ann", "s3cret-pw");

    @TempDir
    static Path dir;
    private static TestRegistry registry;
    private static RegistryClient client;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = TestRegistry.withHtpasswd(dir, ANN.username(), ANN.password());
        client = new RegistryClient(TestImages.testConfig());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void pushAndPull_rightPassword_roundTrips() throws IOException {
        ImageReference reference = ref("basic/app:1");
        PushedImage pushed = TestImages.push(client, reference, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER,
                MediaTypes.DOCKER_CONFIG, "amd64", List.of(5000), ANN);

        ResolvedImage resolved = client.resolve(reference, Platform.host(), ANN);

        assertThat(resolved.manifest().digest()).isEqualTo(pushed.manifest().digest());
        try (InputStream in = client.openBlob(reference, resolved.image().layers().get(0), ANN)) {
            assertThat(in.readAllBytes()).isEqualTo(pushed.layers().get(0).bytes());
        }
        client.ping(registry.authority(), ANN);
    }

    @Test
    void fetchManifest_wrongPassword_isUnauthorized() {
        RegistryCredentials wrong = RegistryCredentials.basic("ann", "wrong");

        assertThatThrownBy(() -> client.fetchManifest(ref("basic/app:1"), wrong))
                .isInstanceOf(RegistryUnauthorizedException.class)
                .hasMessage("Get \"http://" + registry.authority() + "/v2/basic/app/manifests/1\": unauthorized: "
                        + "authentication required");
    }

    @Test
    void ping_anonymous_isUnauthorized_inDockersWords() {
        assertThatThrownBy(() -> client.ping(registry.authority(), RegistryCredentials.anonymous()))
                .isInstanceOf(RegistryUnauthorizedException.class)
                .hasMessage("Get \"http://" + registry.authority() + "/v2/\": no basic auth credentials");
    }

    @Test
    void fetchManifest_anonymous_isNoBasicAuthCredentials_asDockerSaysIt() {
        assertThatThrownBy(() -> client.fetchManifest(ref("basic/app:1"), RegistryCredentials.anonymous()))
                .isInstanceOf(RegistryUnauthorizedException.class)
                .hasMessage("Get \"http://" + registry.authority() + "/v2/basic/app/manifests/1\": no basic auth credentials");
    }

    @Test
    void ping_wrongPassword_isDockersLoginAttemptFailed() {
        assertThatThrownBy(() -> client.ping(registry.authority(), RegistryCredentials.basic("ann", "wrong")))
                .isInstanceOf(RegistryUnauthorizedException.class)
                .hasMessage("login attempt to http://" + registry.authority() + "/v2/ failed with status: 401 Unauthorized");
    }

    private static ImageReference ref(String path) {
        return ImageReference.parse(registry.authority() + "/" + path);
    }
}

package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.TestImages.PushedImage;

/** A real registry with token auth, and a token service run by the test. */
class RegistryClientTokenAuthTest {

    private static final RegistryCredentials BOB = RegistryCredentials.basic("bob", "t0ken-pw");

    @TempDir
    static Path dir;
    private static TokenIssuer issuer;
    private static TestRegistry registry;

    @TempDir
    Path storeRoot;

    @BeforeAll
    static void start() throws IOException, GeneralSecurityException {
        issuer = new TokenIssuer(BOB.username(), BOB.password(), "bobs-refresh-token");
        registry = TestRegistry.withTokenAuth(dir, issuer);
    }

    @AfterAll
    static void stop() {
        registry.close();
        issuer.close();
    }

    @Test
    void pushAndPull_withCredentials_roundTripsAndCachesTokens() {
        RegistryClient client = new RegistryClient(TestImages.testConfig());
        ImageReference reference = ref("token/app:1");
        int before = issuer.requests();
        PushedImage pushed = TestImages.push(client, reference, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER,
                MediaTypes.OCI_CONFIG, "amd64", List.of(100, 6000), BOB);
        int afterPush = issuer.requests();

        ResolvedImage resolved = client.resolve(reference, Platform.host(), BOB);
        LocalContentStore store = new LocalContentStore(storeRoot);
        for (Descriptor layer : resolved.image().layers()) {
            client.fetchBlob(reference, layer, store, BOB);
        }
        client.fetchBlob(reference, resolved.image().config(), store, BOB);

        assertThat(resolved.manifest().digest()).isEqualTo(pushed.manifest().digest());
        assertThat(store.info(pushed.layers().get(1).digest())).isPresent();
        // one push token for all uploads; then one pull token for the manifest and all blobs
        assertThat(afterPush - before).as("token requests %s", issuer.log()).isEqualTo(1);
        assertThat(issuer.requests()).isEqualTo(afterPush + 1);
    }

    @Test
    void fetchManifest_wrongPassword_reportsTheTokenServicesAnswerUnderTheRegistryCall() {
        RegistryClient client = new RegistryClient(TestImages.testConfig());

        assertThatThrownBy(() -> client.fetchManifest(ref("token/app:1"), RegistryCredentials.basic("bob", "nope")))
                .isInstanceOf(RegistryUnauthorizedException.class)
                .hasMessage("Get \"http://" + registry.authority() + "/v2/token/app/manifests/1\": unauthorized: "
                        + "incorrect username or password");
    }

    @Test
    void fetchManifest_anonymousWithoutAccess_isPullAccessDeniedAfterBoundedRenewals() {
        RegistryClient client = new RegistryClient(TestImages.testConfig());
        int before = issuer.requests();

        assertThatThrownBy(() -> client.fetchManifest(ref("private/x:1"), RegistryCredentials.anonymous()))
                .isInstanceOf(PullAccessDeniedException.class)
                .hasMessage("pull access denied for " + registry.authority() + "/private/x, repository does not "
                        + "exist or may require 'docker login': denied: requested access to the resource is denied")
                // Docker answers it as not found (404): the repository may simply not exist
                .extracting(e -> ((PullAccessDeniedException) e).kind())
                .isEqualTo(dev.berth.common.error.BerthException.Kind.NOT_FOUND);
        assertThat(issuer.requests() - before).isEqualTo(TestImages.testConfig().maxAuthRenewals());
    }

    @Test
    void fetchManifest_identityToken_usesTheRefreshTokenGrant() {
        RegistryClient client = new RegistryClient(TestImages.testConfig());
        PushedImage pushed = TestImages.push(client, ref("token/refresh:1"), MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_LAYER, MediaTypes.DOCKER_CONFIG, "amd64", List.of(10), BOB);

        FetchedManifest fetched = client.fetchManifest(ref("token/refresh:1"),
                new RegistryCredentials("bob", "", "bobs-refresh-token", ""));

        assertThat(fetched.digest()).isEqualTo(pushed.manifest().digest());
    }

    @Test
    void fetchManifest_registryToken_isSentAsItIsWithoutTheTokenService() {
        RegistryClient client = new RegistryClient(TestImages.testConfig());
        PushedImage pushed = TestImages.push(client, ref("token/given:1"), MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_LAYER, MediaTypes.DOCKER_CONFIG, "amd64", List.of(10), BOB);
        String token = issuer.issue(List.of("repository:token/given:pull"));
        RegistryClient fresh = new RegistryClient(TestImages.testConfig());
        int before = issuer.requests();

        FetchedManifest fetched = fresh.fetchManifest(ref("token/given:1"),
                new RegistryCredentials("", "", "", token));

        assertThat(fetched.digest()).isEqualTo(pushed.manifest().digest());
        assertThat(issuer.requests()).isEqualTo(before);
    }

    private static ImageReference ref(String path) {
        return ImageReference.parse(registry.authority() + "/" + path);
    }
}

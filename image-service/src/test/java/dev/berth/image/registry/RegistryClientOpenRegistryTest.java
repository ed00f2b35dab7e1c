package dev.berth.image.registry;

import dev.berth.common.digest.Digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.TestImages.Blob;
import dev.berth.image.registry.TestImages.PushedImage;

/** Push and pull against a real, open registry. */
class RegistryClientOpenRegistryTest {

    private static final RegistryCredentials ANONYMOUS = RegistryCredentials.anonymous();

    @TempDir
    static Path dir;
    private static TestRegistry registry;
    private static RegistryClient client;

    @TempDir
    Path storeRoot;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = TestRegistry.open(dir);
        client = new RegistryClient(TestImages.testConfig());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void ping_openRegistry_succeeds() {
        client.ping(registry.authority(), ANONYMOUS);
    }

    @Test
    void resolve_pushedDockerImage_givesSameDigestsAndBlobsStreamIntoTheStore() throws IOException {
        ImageReference reference = ref("docker/app:1.0");
        // 100 bytes goes up in one PUT, 10000 in PATCH chunks of 4096
        PushedImage pushed = TestImages.push(client, reference, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER,
                MediaTypes.DOCKER_CONFIG, "amd64", List.of(100, 10_000), ANONYMOUS);

        ResolvedImage resolved = client.resolve(reference, Platform.parse("linux/arm64"), ANONYMOUS);

        assertThat(resolved.index()).isEmpty();
        assertThat(resolved.manifest().digest()).isEqualTo(pushed.manifest().digest());
        assertThat(resolved.manifest().bytes()).isEqualTo(pushed.manifest().bytes());
        assertThat(resolved.image().config()).isEqualTo(pushed.config().descriptor());
        assertThat(resolved.image().layers()).containsExactlyElementsOf(
                pushed.layers().stream().map(Blob::descriptor).toList());
        LocalContentStore store = new LocalContentStore(storeRoot);
        for (Blob layer : pushed.layers()) {
            BlobInfo info = client.fetchBlob(reference, layer.descriptor(), store, ANONYMOUS);
            assertThat(info).isEqualTo(new BlobInfo(layer.digest(), layer.bytes().length));
            try (InputStream in = store.open(layer.digest())) {
                assertThat(in.readAllBytes()).isEqualTo(layer.bytes());
            }
        }
    }

    @Test
    void resolve_ociIndexWithTwoPlatforms_choosesTheRequestedOne() {
        ImageReference reference = ref("oci/multi:2");
        PushedImage amd64 = TestImages.push(client, reference.withoutDigest(), MediaTypes.OCI_MANIFEST,
                MediaTypes.OCI_LAYER, MediaTypes.OCI_CONFIG, "amd64", List.of(300), ANONYMOUS);
        PushedImage arm64 = TestImages.push(client, reference, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER,
                MediaTypes.OCI_CONFIG, "arm64", List.of(200), ANONYMOUS);
        Blob index = TestImages.index(MediaTypes.OCI_INDEX, List.of(
                TestImages.withPlatform(amd64.manifest().descriptor(), Platform.parse("linux/amd64")),
                TestImages.withPlatform(arm64.manifest().descriptor(), Platform.parse("linux/arm64/v8"))));
        client.pushManifest(reference, MediaTypes.OCI_INDEX, index.bytes(), ANONYMOUS);

        ResolvedImage resolved = client.resolve(reference, Platform.parse("linux/aarch64"), ANONYMOUS);

        assertThat(resolved.manifest().digest()).isEqualTo(arm64.manifest().digest());
        assertThat(resolved.image().layers().get(0)).isEqualTo(arm64.layers().get(0).descriptor());
        assertThat(resolved.index()).map(FetchedManifest::digest).contains(index.digest());
        assertThat(client.resolve(reference, Platform.parse("linux/amd64"), ANONYMOUS).manifest().digest())
                .isEqualTo(amd64.manifest().digest());
        assertThatThrownBy(() -> client.resolve(reference, Platform.parse("linux/s390x"), ANONYMOUS))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessage("no matching manifest for linux/s390x in the manifest list entries");
    }

    @Test
    void resolve_dockerManifestListForTheHost_choosesTheHostsEntry() {
        ImageReference reference = ref("docker/list:host");
        Platform host = Platform.host();
        PushedImage hostImage = TestImages.push(client, reference, MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_LAYER, MediaTypes.DOCKER_CONFIG, host.architecture(), List.of(50), ANONYMOUS);
        PushedImage other = TestImages.push(client, reference, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER,
                MediaTypes.DOCKER_CONFIG, "ppc64le", List.of(60), ANONYMOUS);
        Blob list = TestImages.index(MediaTypes.DOCKER_MANIFEST_LIST, List.of(
                TestImages.withPlatform(other.manifest().descriptor(), Platform.parse("linux/ppc64le")),
                TestImages.withPlatform(hostImage.manifest().descriptor(), host)));
        client.pushManifest(reference, MediaTypes.DOCKER_MANIFEST_LIST, list.bytes(), ANONYMOUS);

        ResolvedImage resolved = client.resolve(reference, Platform.host(), ANONYMOUS);

        assertThat(resolved.manifest().digest()).isEqualTo(hostImage.manifest().digest());
        assertThat(resolved.index().orElseThrow().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    }

    @Test
    void fetchManifest_byDigest_isVerifiedAndHeadAgrees() {
        ImageReference tagged = ref("docker/bydigest:1");
        PushedImage pushed = TestImages.push(client, tagged, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER,
                MediaTypes.OCI_CONFIG, "amd64", List.of(10), ANONYMOUS);
        ImageReference byDigest = ref("docker/bydigest@" + pushed.manifest().digest());

        FetchedManifest fetched = client.fetchManifest(byDigest, ANONYMOUS);

        assertThat(fetched.digest()).isEqualTo(pushed.manifest().digest());
        assertThat(fetched.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(client.headManifest(tagged, ANONYMOUS)).contains(pushed.manifest().descriptor());
        assertThat(client.headManifest(ref("docker/bydigest:absent"), ANONYMOUS)).isEmpty();
    }

    @Test
    void fetchManifest_unknownTag_failsLikeDocker() {
        TestImages.push(client, ref("x/y:present"), MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER,
                MediaTypes.DOCKER_CONFIG, "amd64", List.of(10), ANONYMOUS);

        assertThatThrownBy(() -> client.fetchManifest(ref("x/y:t"), ANONYMOUS))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessage("manifest for " + registry.authority() + "/x/y:t not found: manifest unknown: "
                        + "manifest unknown");
    }

    @Test
    void fetchManifest_unknownRepository_failsLikeDocker() {
        // distribution answers MANIFEST_UNKNOWN, not NAME_UNKNOWN, for a repository never pushed to
        assertThatThrownBy(() -> client.fetchManifest(ref("no/such:t"), ANONYMOUS))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessage("manifest for " + registry.authority() + "/no/such:t not found: manifest unknown: "
                        + "manifest unknown");
    }

    @Test
    void fetchBlob_tamperedInRegistryStorage_failsNamingBothDigestsAndStoresNothing() throws IOException {
        ImageReference reference = ref("tamper/me:1");
        Blob layer = TestImages.randomLayer(MediaTypes.OCI_LAYER, 5000);
        client.pushBlob(reference, layer.descriptor(), BlobSource.of(layer.bytes()), ANONYMOUS);
        byte[] tampered = layer.bytes().clone();
        tampered[4999] ^= 1;
        Files.write(registry.blobData(layer.digest()), tampered);
        LocalContentStore store = new LocalContentStore(storeRoot);

        assertThatThrownBy(() -> client.fetchBlob(reference, layer.descriptor(), store, ANONYMOUS))
                .isInstanceOf(UnexpectedDigestException.class)
                .hasMessage("Get \"http://" + registry.authority() + "/v2/tamper/me/blobs/" + layer.digest()
                        + "\": blob digest mismatch: expected " + layer.digest() + ", got "
                        + Digest.of(tampered));
        assertThat(store.info(layer.digest())).isEmpty();
        assertThat(store.totalBytes()).isZero();
    }

    @Test
    void openBlob_unknownDigest_failsNamingTheRegistry() {
        Blob absent = TestImages.randomLayer(MediaTypes.OCI_LAYER, 10);
        TestImages.push(client, ref("blobs/none:1"), MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER,
                MediaTypes.OCI_CONFIG, "amd64", List.of(10), ANONYMOUS);

        assertThatThrownBy(() -> client.openBlob(ref("blobs/none"), absent.descriptor(), ANONYMOUS))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessage("Get \"http://" + registry.authority() + "/v2/blobs/none/blobs/" + absent.digest()
                        + "\": blob unknown: blob unknown to registry");
    }

    @Test
    void pushBlob_presentOrInAnotherRepository_isSkippedOrMounted() {
        ImageReference source = ref("mount/source");
        ImageReference target = ref("mount/target");
        Blob layer = TestImages.randomLayer(MediaTypes.OCI_LAYER, 700);

        assertThat(client.pushBlob(source, layer.descriptor(), BlobSource.of(layer.bytes()), ANONYMOUS))
                .isEqualTo(PushOutcome.UPLOADED);
        assertThat(client.pushBlob(source, layer.descriptor(), BlobSource.of(layer.bytes()), ANONYMOUS))
                .isEqualTo(PushOutcome.ALREADY_EXISTS);
        assertThat(client.blobExists(target, layer.digest(), ANONYMOUS)).isFalse();
        assertThat(client.pushBlob(target, layer.descriptor(), BlobSource.of(layer.bytes()), source, ANONYMOUS))
                .isEqualTo(PushOutcome.MOUNTED);
        assertThat(client.blobExists(target, layer.digest(), ANONYMOUS)).isTrue();
    }

    @Test
    void pushBlob_mountSourceWithoutTheBlob_fallsBackToUpload() throws IOException {
        ImageReference target = ref("mount/fallback");
        Blob layer = TestImages.randomLayer(MediaTypes.OCI_LAYER, 9000);

        assertThat(client.pushBlob(target, layer.descriptor(), BlobSource.of(layer.bytes()), ref("mount/empty"),
                ANONYMOUS)).isEqualTo(PushOutcome.UPLOADED);
        try (InputStream in = client.openBlob(target, layer.descriptor(), ANONYMOUS)) {
            assertThat(in.readAllBytes()).isEqualTo(layer.bytes());
        }
    }

    @Test
    void resolve_dockerHubReferenceWithMirror_isServedByTheMirror() {
        ImageReference onMirror = ref("library/mirrored:1");
        PushedImage pushed = TestImages.push(client, onMirror, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER,
                MediaTypes.DOCKER_CONFIG, "amd64", List.of(10), ANONYMOUS);
        RegistryConfig base = TestImages.testConfig();
        RegistryClient mirrored = new RegistryClient(new RegistryConfig(base.connectTimeout(),
                base.responseTimeout(), base.idleTimeout(), base.maxAttempts(), base.retryBackoff(),
                base.maxAuthRenewals(), List.of(), List.of(URI.create("http://" + registry.authority())), null,
                base.uploadChunkSize()));

        ResolvedImage resolved = mirrored.resolve(ImageReference.parse("mirrored:1"), Platform.host(), ANONYMOUS);

        assertThat(resolved.manifest().digest()).isEqualTo(pushed.manifest().digest());
        Optional<Descriptor> head = mirrored.headManifest(ImageReference.parse("mirrored:1"), ANONYMOUS);
        assertThat(head).contains(pushed.manifest().descriptor());
    }

    private static ImageReference ref(String path) {
        return ImageReference.parse(registry.authority() + "/" + path);
    }
}

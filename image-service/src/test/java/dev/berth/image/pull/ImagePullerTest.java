package dev.berth.image.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.pull.PullFixtures.Layer;
import dev.berth.image.pull.PullFixtures.Pushed;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryNotFoundException;
import dev.berth.image.registry.TestRegistry;
import dev.berth.image.registry.UnexpectedDigestException;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/** Pulls from a real registry into a real content store and metadata store. */
class ImagePullerTest {

    private static final Platform AMD64 = new Platform("linux", "amd64", "");

    @TempDir
    static Path registryDir;
    private static TestRegistry registry;
    private static RegistryClient client;

    @TempDir
    Path root;
    private LocalContentStore content;
    private ImageMetadataStore metadata;
    private LayerDownloads downloads;
    private ImagePuller puller;
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = TestRegistry.open(registryDir);
        client = new RegistryClient(PullFixtures.quickConfig());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void stores() {
        content = new LocalContentStore(root);
        metadata = new ImageMetadataStore(root);
        downloads = LayerDownloads.from(client, content, new PullProperties(3));
        puller = new ImagePuller(client, content, metadata, downloads, AMD64, Clock.systemUTC());
    }

    @AfterEach
    void stopDownloads() {
        downloads.close();
    }

    @Test
    void pull_taggedImage_recordsItWithTagRepoDigestAndVerifiedLayers() throws IOException {
        Layer base = PullFixtures.gzipLayer("base");
        Layer top = PullFixtures.gzipLayer("top");
        Pushed pushed = PullFixtures.push(client, ref("app/one:1"), "amd64", List.of(base, top));

        PullOutcome outcome = puller.pull(registry.authority() + "/app/one:1", "", "", listener);

        assertThat(outcome).isEqualTo(new PullOutcome(pushed.manifestDigest(), false,
                registry.authority() + "/app/one:1", pushed.configDigest()));
        assertThat(listener.started).containsExactly("1: Pulling from app/one");
        assertThat(listener.phasesOf(base.digest())).startsWith("PULLING_FS_LAYER")
                .contains("DOWNLOADING", "VERIFYING_CHECKSUM", "DOWNLOAD_COMPLETE")
                .endsWith("EXTRACTING", "PULL_COMPLETE");

        ImageRecord image = metadata.findByTag(ref("app/one:1")).orElseThrow();
        assertThat(image.id()).isEqualTo(pushed.configDigest());
        assertThat(image.repoDigests()).containsExactly(registry.authority() + "/app/one@" + pushed.manifestDigest());
        assertThat(image.created()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(image.layers()).containsExactly(
                new LayerRecord(base.digest(), base.diffId(), base.blob().length, base.descriptor().mediaType(),
                        base.tarSize()),
                new LayerRecord(top.digest(), top.diffId(), top.blob().length, top.descriptor().mediaType(),
                        top.tarSize()));
        assertThat(image.size()).isEqualTo(base.tarSize() + top.tarSize());
        try (InputStream stored = content.open(base.digest())) {
            assertThat(stored.readAllBytes()).isEqualTo(base.blob());
        }
        assertThat(content.info(pushed.manifestDigest())).isPresent();
    }

    @Test
    void pull_again_isUpToDateAndTouchesNoLayer() {
        Pushed pushed = PullFixtures.push(client, ref("app/again:1"), "amd64", List.of(PullFixtures.gzipLayer("a")));
        puller.pull(registry.authority() + "/app/again:1", "", "", PullListener.NONE);

        PullOutcome second = puller.pull(registry.authority() + "/app/again:1", "", "", listener);

        assertThat(second.upToDate()).isTrue();
        assertThat(second.manifestDigest()).isEqualTo(pushed.manifestDigest());
        assertThat(listener.events).isEmpty();
    }

    @Test
    void pull_recordedImageUnderNewTag_isNewerWithoutLayerWork() {
        Pushed pushed = PullFixtures.push(client, ref("app/retag:1"), "amd64", List.of(PullFixtures.gzipLayer("r")));
        client.pushManifest(ref("app/retag:2"), "application/vnd.docker.distribution.manifest.v2+json",
                client.fetchManifest(ref("app/retag:1"), dev.berth.image.registry.RegistryCredentials.anonymous())
                        .bytes(), dev.berth.image.registry.RegistryCredentials.anonymous());
        puller.pull(registry.authority() + "/app/retag:1", "", "", PullListener.NONE);

        PullOutcome other = puller.pull(registry.authority() + "/app/retag:2", "", "", listener);

        assertThat(other.upToDate()).isFalse();
        assertThat(listener.events).isEmpty();
        assertThat(metadata.findByTag(ref("app/retag:2")).orElseThrow().id()).isEqualTo(pushed.configDigest());
    }

    @Test
    void pull_layerOfARecordedImage_alreadyExists() {
        Layer shared = PullFixtures.gzipLayer("shared");
        Layer own = PullFixtures.gzipLayer("own");
        PullFixtures.push(client, ref("app/first:1"), "amd64", List.of(shared));
        PullFixtures.push(client, ref("app/second:1"), "amd64", List.of(shared, own));
        puller.pull(registry.authority() + "/app/first:1", "", "", PullListener.NONE);

        puller.pull(registry.authority() + "/app/second:1", "", "", listener);

        assertThat(listener.phasesOf(shared.digest())).containsExactly("ALREADY_EXISTS");
        assertThat(listener.phasesOf(own.digest())).contains("PULLING_FS_LAYER", "PULL_COMPLETE");
        assertThat(metadata.findByTag(ref("app/second:1")).orElseThrow().layers().get(0).uncompressedSize())
                .isEqualTo(shared.tarSize());
    }

    @Test
    void pull_indexWithoutPlatform_takesTheHostsManifest() {
        Map<Platform, Pushed> platforms = pushTwoPlatforms("app/multi:1");

        PullOutcome outcome = puller.pull(registry.authority() + "/app/multi:1", "", "", listener);

        assertThat(outcome.imageId()).isEqualTo(platforms.get(AMD64).configDigest());
        ImageRecord image = metadata.findByTag(ref("app/multi:1")).orElseThrow();
        // the repo digest is the index's: what the tag names, as Docker records it
        assertThat(image.repoDigests()).containsExactly(registry.authority() + "/app/multi@" + outcome.manifestDigest());
        assertThat(outcome.manifestDigest()).isNotEqualTo(platforms.get(AMD64).manifestDigest());
        assertThat(content.info(outcome.manifestDigest())).isPresent();
    }

    @Test
    void pull_indexWithPlatform_takesThatPlatformsManifest() {
        Map<Platform, Pushed> platforms = pushTwoPlatforms("app/multi:2");

        PullOutcome outcome = puller.pull(registry.authority() + "/app/multi:2", "linux/arm64", "", listener);

        assertThat(outcome.imageId()).isEqualTo(platforms.get(Platform.parse("linux/arm64")).configDigest());
    }

    @Test
    void pull_zstdAndPlainLayers_verifyTheirDiffIds() {
        Layer zstd = PullFixtures.layer(CompressorStreamFactory.ZSTANDARD, "z");
        Layer plain = PullFixtures.layer(null, "p");
        PullFixtures.push(client, ref("app/zstd:1"), "amd64", List.of(zstd, plain));

        puller.pull(registry.authority() + "/app/zstd:1", "", "", listener);

        ImageRecord image = metadata.findByTag(ref("app/zstd:1")).orElseThrow();
        assertThat(image.layers()).extracting(LayerRecord::diffId).containsExactly(zstd.diffId(), plain.diffId());
        assertThat(image.layers().get(0).mediaType()).isEqualTo(PullFixtures.OCI_ZSTD_LAYER);
    }

    @Test
    void pull_diffIdMismatch_failsNamingBothDigestsAndRecordsNothing() {
        Layer layer = PullFixtures.gzipLayer("liar");
        Digest claimed = Digest.of("something else".getBytes());
        PullFixtures.push(client, ref("app/liar:1"), "amd64", List.of(layer), List.of(claimed));

        assertThatThrownBy(() -> puller.pull(registry.authority() + "/app/liar:1", "", "", listener))
                .isInstanceOf(BerthException.class)
                .hasMessage("failed to verify layer " + layer.digest() + ": uncompressed digest " + layer.diffId()
                        + " does not match diff id " + claimed + " of the image config");
        assertThat(metadata.all()).isEmpty(); // the blob itself is as its digest says: the next collection takes it
    }

    @Test
    void pull_blobTamperedInTheRegistry_failsWithTheDigestErrorAndRecordsNothing() throws IOException {
        Layer layer = PullFixtures.gzipLayer("tampered");
        PullFixtures.push(client, ref("app/tampered:1"), "amd64", List.of(layer));
        Path data = registry.blobData(layer.digest());
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(data, bytes);

        assertThatThrownBy(() -> puller.pull(registry.authority() + "/app/tampered:1", "", "", listener))
                .isInstanceOf(UnexpectedDigestException.class)
                .hasMessageContaining("blob digest mismatch: expected " + layer.digest() + ", got sha256:");
        assertThat(metadata.all()).isEmpty();
        assertThat(content.info(layer.digest())).isEmpty();
    }

    @Test
    void pull_unknownTag_isManifestUnknown() {
        PullFixtures.push(client, ref("app/known:1"), "amd64", List.of(PullFixtures.gzipLayer("k")));

        assertThatThrownBy(() -> puller.pull(registry.authority() + "/app/known:nope", "", "", listener))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessage("manifest for " + registry.authority()
                        + "/app/known:nope not found: manifest unknown: manifest unknown");
        assertThat(listener.started).isEmpty();
    }

    @Test
    void pull_invalidReference_isInvalidReferenceFormat() {
        assertThatThrownBy(() -> puller.pull("in valid", "", "", listener))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid reference format")
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
    }

    @Test
    void pull_byDigest_recordsNoTagAndIsUpToDateTheSecondTime() {
        Pushed pushed = PullFixtures.push(client, ref("app/digest:1"), "amd64", List.of(PullFixtures.gzipLayer("d")));
        String byDigest = registry.authority() + "/app/digest@" + pushed.manifestDigest();

        PullOutcome first = puller.pull(byDigest, "", "", listener);
        PullOutcome second = puller.pull(byDigest, "", "", PullListener.NONE);

        assertThat(listener.started).containsExactly(pushed.manifestDigest() + ": Pulling from app/digest");
        assertThat(first.upToDate()).isFalse();
        assertThat(second.upToDate()).isTrue();
        assertThat(metadata.tagsOf(pushed.configDigest())).isEmpty();
        assertThat(metadata.findByRepoDigest(registry.authority() + "/app/digest@" + pushed.manifestDigest()))
                .isPresent();
    }

    private Map<Platform, Pushed> pushTwoPlatforms(String repoAndTag) {
        ImageReference reference = ref(repoAndTag);
        Map<Platform, Pushed> platforms = new LinkedHashMap<>();
        platforms.put(AMD64, PullFixtures.push(client, ref(repoAndTag + "-amd64"), "amd64",
                List.of(PullFixtures.gzipLayer("amd64"))));
        platforms.put(Platform.parse("linux/arm64"), PullFixtures.push(client, ref(repoAndTag + "-arm64"), "arm64",
                List.of(PullFixtures.gzipLayer("arm64"))));
        PullFixtures.pushIndex(client, reference, platforms);
        return platforms;
    }

    private static ImageReference ref(String path) {
        return ImageReference.parse(registry.authority() + "/" + path);
    }

}

package dev.berth.image.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.digest.Digest;
import dev.berth.image.reference.ImageReference;

class ImageMetadataStoreTest {

    @TempDir
    Path root;

    @Test
    void save_thenReopen_loadsImagesAndTags() {
        ImageRecord image = record("one", Instant.parse("2026-01-01T00:00:00Z"));
        new ImageMetadataStore(root).save(image, Optional.of(ImageReference.parse("bb:1")));

        ImageMetadataStore reopened = new ImageMetadataStore(root);

        assertThat(reopened.get(image.id())).contains(image);
        assertThat(reopened.findByTag(ImageReference.parse("docker.io/library/bb:1"))).contains(image);
        assertThat(reopened.tagsOf(image.id())).containsExactly(ImageReference.parse("bb:1"));
        assertThat(reopened.count()).isEqualTo(1);
    }

    @Test
    void save_tagOfAnotherImage_movesTag() {
        ImageMetadataStore store = new ImageMetadataStore(root);
        ImageRecord first = record("one", Instant.parse("2026-01-01T00:00:00Z"));
        ImageRecord second = record("two", Instant.parse("2026-01-02T00:00:00Z"));
        store.save(first, Optional.of(ImageReference.parse("bb")));

        store.save(second, Optional.of(ImageReference.parse("bb:latest")));

        assertThat(store.findByTag(ImageReference.parse("bb:latest"))).contains(second);
        assertThat(store.tagsOf(first.id())).isEmpty();
        assertThat(store.all()).containsExactly(second, first);
    }

    @Test
    void save_leavesNoTemporaryFiles() throws Exception {
        new ImageMetadataStore(root).save(record("one", Instant.EPOCH), Optional.of(ImageReference.parse("bb")));

        try (var files = Files.list(root.resolve("images"))) {
            assertThat(files).allMatch(file -> file.getFileName().toString().endsWith(".json"));
        }
        try (var files = Files.list(root)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("images", "repositories.json");
        }
    }

    @Test
    void findByIdPrefix_matchesHexPrefix() {
        ImageMetadataStore store = new ImageMetadataStore(root);
        ImageRecord image = record("one", Instant.EPOCH);
        store.save(image, Optional.empty());

        assertThat(store.findByIdPrefix(image.id().hex().substring(0, 12))).containsExactly(image);
        assertThat(store.findByIdPrefix("zz")).isEmpty();
    }

    @Test
    void savePulled_fromTwoRepositories_keepsBothRepoDigestsAcrossARestart() {
        ImageMetadataStore store = new ImageMetadataStore(root);
        ImageRecord image = record("pulled", Instant.EPOCH);

        boolean first = store.savePulled(image, Optional.of(ImageReference.parse("reg:5000/a/b:1")),
                "reg:5000/a/b@sha256:" + "1".repeat(64));
        boolean second = store.savePulled(image, Optional.of(ImageReference.parse("reg:5000/c/d:1")),
                "reg:5000/c/d@sha256:" + "2".repeat(64));

        assertThat(first).isFalse();
        assertThat(second).isFalse();
        ImageRecord reopened = new ImageMetadataStore(root).get(image.id()).orElseThrow();
        assertThat(reopened.repoDigests()).containsExactly("reg:5000/a/b@sha256:" + "1".repeat(64),
                "reg:5000/c/d@sha256:" + "2".repeat(64));
        assertThat(reopened.layers()).isEqualTo(image.layers());
    }

    @Test
    void savePulled_tagAlreadyOnTheImage_isUpToDate() {
        ImageMetadataStore store = new ImageMetadataStore(root);
        ImageRecord image = record("pulled", Instant.EPOCH);
        String repoDigest = "reg:5000/a/b@sha256:" + "1".repeat(64);
        store.savePulled(image, Optional.of(ImageReference.parse("reg:5000/a/b:1")), repoDigest);

        assertThat(store.savePulled(image, Optional.of(ImageReference.parse("reg:5000/a/b:1")), repoDigest)).isTrue();
        assertThat(store.savePulled(image, Optional.of(ImageReference.parse("reg:5000/a/b:2")), repoDigest)).isFalse();
        assertThat(store.savePulled(image, Optional.empty(), repoDigest)).isTrue();
    }

    @Test
    void load_recordWrittenBeforePulls_readsLayersAsUncompressed() throws Exception {
        ImageRecord image = record("old", Instant.EPOCH);
        Files.createDirectories(root.resolve("images"));
        Digest layer = image.layers().get(0).digest();
        Files.writeString(root.resolve("images").resolve(image.id().hex() + ".json"),
                "{\"id\":\"" + image.id() + "\",\"configDigest\":\"" + image.id() + "\",\"layers\":[{\"digest\":\""
                        + layer + "\",\"diffId\":\"" + layer + "\",\"size\":10,\"mediaType\":\""
                        + LayerRecord.OCI_LAYER_TAR + "\"}],\"created\":\"1970-01-01T00:00:00Z\",\"size\":10}");

        ImageRecord loaded = new ImageMetadataStore(root).get(image.id()).orElseThrow();

        assertThat(loaded).isEqualTo(image);
        assertThat(loaded.layers().get(0).uncompressedSize()).isEqualTo(10);
        assertThat(loaded.repoDigests()).isEmpty();
    }

    static ImageRecord record(String seed, Instant created) {
        Digest id = Digest.of(seed.getBytes(StandardCharsets.UTF_8));
        Digest layer = Digest.of((seed + "-layer").getBytes(StandardCharsets.UTF_8));
        return new ImageRecord(id, id, List.of(new LayerRecord(layer, layer, 10, LayerRecord.OCI_LAYER_TAR)), created, 10);
    }
}

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

    static ImageRecord record(String seed, Instant created) {
        Digest id = Digest.of(seed.getBytes(StandardCharsets.UTF_8));
        Digest layer = Digest.of((seed + "-layer").getBytes(StandardCharsets.UTF_8));
        return new ImageRecord(id, id, List.of(new LayerRecord(layer, layer, 10, LayerRecord.OCI_LAYER_TAR)), created, 10);
    }
}

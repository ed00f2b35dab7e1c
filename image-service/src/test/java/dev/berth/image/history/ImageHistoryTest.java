package dev.berth.image.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.digest.Digest;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

class ImageHistoryTest {

    @TempDir
    Path root;

    @Test
    void of_pulledImage_isNewestFirstWithLayerSizesAndMissingIds() {
        LocalContentStore content = new LocalContentStore(root);
        ImageMetadataStore store = new ImageMetadataStore(root);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diff(1) + "\",\"" + diff(2) + "\"]},\"history\":["
                + "{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"/bin/sh -c #(nop) ADD file:x in / \"},"
                + "{\"created\":\"2024-01-02T00:00:00Z\",\"created_by\":\"/bin/sh -c #(nop)  CMD [\\\"sh\\\"]\","
                + "\"empty_layer\":true},"
                + "{\"created\":\"2024-01-03T00:00:00Z\",\"created_by\":\"RUN x\",\"comment\":\"buildkit\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Digest id = store(content, config);
        store.save(new ImageRecord(id, id, List.of(layer(1, 100), layer(2, 7)), Instant.now(), 107),
                Optional.of(ImageReference.parse("x/y:1")));

        List<HistoryStep> steps = new ImageHistory(new ImageCatalog(store, content)).of("x/y:1");

        assertThat(steps).containsExactly(
                new HistoryStep(id.toString(), Instant.parse("2024-01-03T00:00:00Z"), "RUN x", List.of("x/y:1"), 7,
                        "buildkit"),
                new HistoryStep("<missing>", Instant.parse("2024-01-02T00:00:00Z"),
                        "/bin/sh -c #(nop)  CMD [\"sh\"]", List.of(), 0, ""),
                new HistoryStep("<missing>", Instant.parse("2024-01-01T00:00:00Z"),
                        "/bin/sh -c #(nop) ADD file:x in / ", List.of(), 100, ""));
    }

    private static Digest diff(int n) {
        return Digest.of(new byte[] {(byte) n});
    }

    private static LayerRecord layer(int n, long size) {
        return new LayerRecord(Digest.of(new byte[] {(byte) n, 0}), diff(n), size / 2,
                "application/vnd.oci.image.layer.v1.tar+gzip", size);
    }

    private static Digest store(LocalContentStore content, byte[] bytes) {
        try (ContentWriter writer = content.writer()) {
            writer.stream().write(bytes);
            return writer.commit(bytes.length, Digest.of(bytes)).digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.berth.node.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.config.NodeProperties;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.node.support.BusyboxImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    @TempDir
    Path root;

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, List<LayerSource.LayerRef>> images = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    private final LayerSource source = new LayerSource() {
        @Override
        public List<LayerRef> layers(String imageId) {
            List<LayerRef> layers = images.get(imageId);
            if (layers == null) {
                throw BerthException.notFound("No such image: " + imageId);
            }
            return layers;
        }

        @Override
        public InputStream openBlob(String digest) {
            opened.incrementAndGet();
            return new ByteArrayInputStream(blobs.get(digest));
        }
    };

    private SnapshotStore store() {
        return new SnapshotStore(new NodeProperties(root, root.resolve("run"), 2, 10, "/usr/sbin/runc", "/usr/bin/conmon",
                Duration.ofSeconds(10), "test", "127.0.0.1:1", Path.of("/usr/bin/tini-static")), source);
    }

    @Test
    void prepare_gzipLayers_unpackedByChainId() throws IOException {
        byte[] bottom = tar("a.txt", "A");
        byte[] top = tar("b.txt", "B");
        addImage("img", gzip(bottom), BusyboxImage.sha256(bottom), gzip(top), BusyboxImage.sha256(top));
        List<Path> dirs = store().prepare("img");
        List<String> chain = ChainIds.of(List.of(BusyboxImage.sha256(bottom), BusyboxImage.sha256(top)));
        assertThat(dirs).containsExactly(root.resolve("snapshots").resolve(SnapshotStore.hex(chain.get(0))).resolve("fs"),
                root.resolve("snapshots").resolve(SnapshotStore.hex(chain.get(1))).resolve("fs"));
        assertThat(Files.readString(dirs.get(0).resolve("a.txt"))).isEqualTo("A");
        assertThat(Files.readString(dirs.get(1).resolve("b.txt"))).isEqualTo("B");
    }

    @Test
    void prepare_zstdAndUncompressedLayers_unpacked() throws IOException {
        byte[] bottom = tar("z.txt", "Z");
        byte[] top = tar("plain.txt", "P");
        addImage("img", zstd(bottom), BusyboxImage.sha256(bottom), top, BusyboxImage.sha256(top));

        List<Path> dirs = store().prepare("img");

        assertThat(Files.readString(dirs.get(0).resolve("z.txt"))).isEqualTo("Z");
        assertThat(Files.readString(dirs.get(1).resolve("plain.txt"))).isEqualTo("P");
    }

    @Test
    void prepareLayer_unpacksThatLayerUnderItsChainIdAndACreateFindsIt() throws IOException {
        byte[] bottom = tar("a.txt", "A");
        byte[] top = tar("b.txt", "B");
        addImage("img", gzip(bottom), BusyboxImage.sha256(bottom), gzip(top), BusyboxImage.sha256(top));
        SnapshotStore store = store();

        Path dir = store.prepareLayer(images.get("img"), 1).join().fs();

        List<String> chain = ChainIds.of(List.of(BusyboxImage.sha256(bottom), BusyboxImage.sha256(top)));
        assertThat(dir).isEqualTo(root.resolve("snapshots").resolve(SnapshotStore.hex(chain.get(1))).resolve("fs"));
        assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("B");
        assertThat(opened.get()).isEqualTo(1);
        assertThat(store.prepare("img")).hasSize(2);
        assertThat(opened.get()).as("the top layer was not unpacked again").isEqualTo(2);
        assertThatThrownBy(() -> store.prepareLayer(images.get("img"), 2).join())
                .hasCauseInstanceOf(BerthException.class).hasMessageEndingWith("no layer 2 in an image of 2");
    }

    @Test
    void prepareLayer_answersTheMeasuredDiffIdAndSize_againWhenTheSnapshotIsThere() throws IOException {
        byte[] layer = tar("m.txt", "measured");
        addImage("img", gzip(layer), BusyboxImage.sha256(layer));

        SnapshotStore.Snapshot first = store().prepareLayer(images.get("img"), 0).join();
        SnapshotStore.Snapshot again = store().prepareLayer(images.get("img"), 0).join();

        LayerMeasure expected = new LayerMeasure(Digest.parse(BusyboxImage.sha256(layer)), layer.length);
        assertThat(first.measure()).contains(expected);
        assertThat(again.measure()).as("read back from the snapshot").contains(expected);
        assertThat(opened.get()).isEqualTo(1);
    }

    @Test
    void prepare_concurrentCreates_unpackOnce() throws Exception {
        byte[] layer = tar("x", "x");
        addImage("img", layer, BusyboxImage.sha256(layer));
        SnapshotStore store = store();
        List<CompletableFuture<List<Path>>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(CompletableFuture.supplyAsync(() -> store.prepare("img")));
        }
        for (CompletableFuture<List<Path>> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(opened.get()).isEqualTo(1);
    }

    @Test
    void prepare_digestMismatch_failsAndLeavesNothing() throws IOException {
        byte[] layer = tar("x", "x");
        String wrong = "sha256:" + "0".repeat(64);
        blobs.put(wrong, layer);
        images.put("img", List.of(new LayerSource.LayerRef(wrong, wrong, "application/vnd.oci.image.layer.v1.tar")));
        assertThatThrownBy(() -> store().prepare("img")).isInstanceOf(BerthException.class)
                .hasMessageContaining("digest mismatch: expected " + wrong);
        try (var entries = Files.list(root.resolve("snapshots"))) {
            assertThat(entries).isEmpty();
        }
    }

    private void addImage(String id, Object... blobAndDiffIds) {
        List<LayerSource.LayerRef> layers = new ArrayList<>();
        for (int i = 0; i < blobAndDiffIds.length; i += 2) {
            byte[] blob = (byte[]) blobAndDiffIds[i];
            String digest = BusyboxImage.sha256(blob);
            blobs.put(digest, blob);
            layers.add(new LayerSource.LayerRef(digest, (String) blobAndDiffIds[i + 1], "application/vnd.oci.image.layer.v1.tar+gzip"));
        }
        images.put(id, layers);
    }

    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            BusyboxImage.file(tar, name, content.getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(bytes)) {
            zstd.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        }
        return bytes.toByteArray();
    }
}

package dev.berth.image.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.digest.Digest;
import dev.berth.image.TestTarballs;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

class BlobCollectorTest {

    @TempDir
    Path root;

    private LocalContentStore content;
    private ImageMetadataStore store;
    private BlobCollector collector;
    private ImageRecord image;

    @BeforeEach
    void setUp() {
        content = new LocalContentStore(root);
        store = new ImageMetadataStore(root);
        collector = new BlobCollector(store, content);
        image = new ImageImporter(content, store, Clock.systemUTC()).importImage(
                ImportOptions.of("bb", "1", List.of(), "", ""), new ByteArrayInputStream(TestTarballs.smallTar()));
    }

    @Test
    void collect_removesOnlyUnreferencedBlobs() {
        Digest orphan = storeBlob("left by a crash");

        long freed = collector.collect();

        assertThat(freed).isEqualTo("left by a crash".length());
        assertThat(content.info(orphan)).isEmpty();
        assertThat(content.info(image.configDigest())).isPresent();
        assertThat(content.info(image.layers().get(0).digest())).isPresent();
    }

    @Test
    void collect_keepsTheManifestsARepoDigestNamesAndWhatTheyReference() {
        Digest child = storeBlob("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + descriptor(image.configDigest()) + ",\"layers\":[" + descriptor(Digest.of(new byte[] {9})) + "]}");
        Digest extraLayer = storeBlobBytes(new byte[] {9});
        Digest index = storeBlob("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + descriptor(child) + "]}");
        store.savePulled(image, Optional.of(ImageReference.parse("x/y:1")), "docker.io/x/y@" + index);

        collector.collect();

        assertThat(content.info(index)).isPresent();
        assertThat(content.info(child)).isPresent();
        assertThat(content.info(extraLayer)).isPresent();
    }

    @Test
    void collect_whileALeaseIsHeld_waitsForItsEnd() {
        Digest orphan = storeBlob("orphan");
        BlobCollector.Lease lease = collector.lease();

        assertThat(collector.collect()).isZero();
        assertThat(content.info(orphan)).isPresent();

        lease.close();
        assertThat(content.info(orphan)).isEmpty();
    }

    @Test
    void collect_afterTheImageRecordIsGone_removesItsBlobs() {
        store.delete(image.id());

        collector.collect();

        assertThat(content.list()).isEmpty();
        assertThat(new ImageMetadataStore(root).findByTag(ImageReference.parse("bb:1"))).isEmpty();
    }

    private static String descriptor(Digest digest) {
        return "{\"mediaType\":\"application/octet-stream\",\"digest\":\"" + digest + "\",\"size\":1}";
    }

    private Digest storeBlob(String text) {
        return storeBlobBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private Digest storeBlobBytes(byte[] bytes) {
        try (ContentWriter writer = content.writer()) {
            writer.stream().write(bytes);
            return writer.commit(bytes.length, Digest.of(bytes)).digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

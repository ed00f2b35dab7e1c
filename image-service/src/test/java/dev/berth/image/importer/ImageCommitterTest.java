package dev.berth.image.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.TestTarballs;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.spec.RunConfig;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

class ImageCommitterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T05:00:00Z");

    @TempDir
    Path root;

    private LocalContentStore content;
    private ImageMetadataStore store;
    private ImageCommitter committer;
    private ImageRecord base;

    @BeforeEach
    void setUp() {
        content = new LocalContentStore(root);
        store = new ImageMetadataStore(root);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        committer = new ImageCommitter(content, store, new ImageCatalog(store, content), clock);
        base = new ImageImporter(content, store, clock).importImage(
                ImportOptions.of("bb", "1", List.of("CMD [\"sh\"]"), "", ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));
    }

    private static RunConfig config(List<String> cmd) {
        return new RunConfig("", List.of("PATH=/bin"), cmd, null, "/", null, null, null, null, null, null, null);
    }

    private ImageConfigDocument document(ImageRecord image) throws IOException {
        try (InputStream in = content.open(image.configDigest())) {
            return ImageConfigCodec.decode(in.readAllBytes());
        }
    }

    @Test
    void commit_addsALayerOnTopOfTheParent_withItsHistory_authorAndTag() throws IOException {
        byte[] layer = TestTarballs.tar(Map.of("etc/app.conf", "on"));
        ImageRecord committed = committer.commit(new CommitOptions(base.id().toString(), config(List.of("sh")),
                List.of("ENV MODE=prod"), "first", "Ada <ada@example.com>",
                CommitOptions.tagOf("app", "2"), "sh", false), new ByteArrayInputStream(layer));

        assertThat(committed.layers()).hasSize(2);
        assertThat(committed.layers().get(0)).isEqualTo(base.layers().get(0));
        assertThat(committed.layers().get(1).digest()).isEqualTo(Digest.of(layer));
        assertThat(committed.size()).isEqualTo(base.size() + layer.length);
        ImageConfigDocument doc = document(committed);
        assertThat(doc.rootfs().diffIds()).containsExactly(base.layers().get(0).diffId().toString(),
                Digest.of(layer).toString());
        assertThat(doc.history()).hasSize(2);
        assertThat(doc.history().get(1).createdBy()).isEqualTo("sh");
        assertThat(doc.history().get(1).comment()).isEqualTo("first");
        assertThat(doc.author()).isEqualTo("Ada <ada@example.com>");
        assertThat(doc.config().env()).containsExactly("PATH=/bin", "MODE=prod");
        assertThat(doc.config().cmd()).containsExactly("sh");
        assertThat(store.findByTag(ImageReference.parse("app:2"))).contains(committed);
    }

    @Test
    void aConfigOnlyStep_addsNoLayer_andAnEmptyLayerHistoryEntry() throws IOException {
        ImageRecord step = committer.commit(new CommitOptions(base.id().toString(), config(List.of("true")), List.of(),
                "", "", Optional.empty(), "/bin/sh -c #(nop)  CMD [\"true\"]", true), InputStream.nullInputStream());

        assertThat(step.layers()).isEqualTo(base.layers());
        ImageConfigDocument doc = document(step);
        assertThat(doc.history().get(1).makesNoLayer()).isTrue();
        assertThat(doc.rootfs().diffIds()).hasSize(1);
        assertThat(step.id()).isNotEqualTo(base.id());
    }

    @Test
    void badInput_recordsNothing() {
        int before = store.count();
        assertThatThrownBy(() -> committer.commit(new CommitOptions("sha256:" + "0".repeat(64), config(null), List.of(),
                "", "", Optional.empty(), "", false), new ByteArrayInputStream(TestTarballs.smallTar())))
                .isInstanceOf(BerthException.class).hasMessageContaining("No such image");
        assertThatThrownBy(() -> committer.commit(new CommitOptions(base.id().toString(), config(null),
                List.of("FROB x"), "", "", Optional.empty(), "", false), new ByteArrayInputStream(TestTarballs.smallTar())))
                .isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> committer.commit(new CommitOptions(base.id().toString(), config(null), List.of(),
                "", "", Optional.empty(), "", false), new ByteArrayInputStream("not a tar".getBytes())))
                .isInstanceOf(BerthException.class).hasMessageContaining("invalid tar header");
        assertThatThrownBy(() -> CommitOptions.tagOf("app@sha256:" + "a".repeat(64), ""))
                .isInstanceOf(BerthException.class);
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void aBuildStep_isFoundAgainByParentAndKey_evenByANewStoreOnTheSameRoot() {
        ImageRecord step = committer.commit(new CommitOptions(base.id().toString(), config(List.of("true")), List.of(),
                "", "", Optional.empty(), "/bin/sh -c #(nop)  CMD [\"true\"]", true, "CMD [\"true\"]"),
                InputStream.nullInputStream());
        assertThat(committer.cached(base.id().toString(), "CMD [\"true\"]")).contains(step);
        assertThat(committer.cached(base.id().toString(), "CMD [\"false\"]")).isEmpty();
        assertThat(committer.cached(step.id().toString(), "CMD [\"true\"]")).isEmpty();

        ImageMetadataStore reopened = new ImageMetadataStore(root);
        assertThat(reopened.findCached(base.id(), "CMD [\"true\"]")).contains(step);
        assertThat(reopened.get(step.id()).orElseThrow().parent()).isEqualTo(base.id());
    }
}

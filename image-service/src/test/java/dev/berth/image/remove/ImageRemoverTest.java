package dev.berth.image.remove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
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
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.tag.ImageTagger;

class ImageRemoverTest {

    private static final ImageUse STOPPED = new ImageUse("c0ffee".repeat(10) + "abcd", false);
    private static final ImageUse RUNNING = new ImageUse("beef".repeat(16), true);

    @TempDir
    Path root;

    private LocalContentStore content;
    private ImageMetadataStore store;
    private ImageImporter importer;
    private ImageTagger tagger;
    private ImageRemover remover;

    @BeforeEach
    void setUp() {
        content = new LocalContentStore(root);
        store = new ImageMetadataStore(root);
        importer = new ImageImporter(content, store, Clock.systemUTC());
        ImageCatalog catalog = new ImageCatalog(store, content);
        tagger = new ImageTagger(catalog, store);
        remover = new ImageRemover(catalog, store, new BlobCollector(store, content));
    }

    @Test
    void remove_oneOfTwoTags_untagsOnly() {
        ImageRecord image = importImage("bb", "1", "a");
        tagger.tag("bb:1", "bb", "2");

        assertThat(remover.remove("bb:1", false, List.of())).containsExactly(DeleteItem.untagged("bb:1"));

        assertThat(store.get(image.id())).isPresent();
        assertThat(store.tagsOf(image.id())).extracting(ImageReference::familiarString).containsExactly("bb:2");
    }

    @Test
    void remove_lastTag_deletesImageAndItsBlobs() {
        ImageRecord image = importImage("bb", "1", "a");
        Digest layer = image.layers().get(0).digest();

        assertThat(remover.remove("bb:1", false, List.of())).containsExactly(DeleteItem.untagged("bb:1"),
                DeleteItem.deleted(image.id().toString()), DeleteItem.deleted(layer.toString()));

        assertThat(store.get(image.id())).isEmpty();
        assertThat(content.info(image.configDigest())).isEmpty();
        assertThat(content.info(layer)).isEmpty();
    }

    @Test
    void remove_layerSharedWithAnotherImage_keepsTheLayer() {
        ImageRecord first = importImage("bb", "1", "a");
        ImageRecord second = importImage("cc", "1", "b");

        assertThat(remover.remove("bb:1", false, List.of()))
                .containsExactly(DeleteItem.untagged("bb:1"), DeleteItem.deleted(first.id().toString()));

        assertThat(content.info(first.layers().get(0).digest())).isPresent();
        assertThat(content.info(first.configDigest())).isEmpty();
        assertThat(content.info(second.configDigest())).isPresent();
    }

    @Test
    void remove_byIdWithTagsInTwoRepositories_isAConflictUnlessForced() {
        ImageRecord image = importImage("bb", "1", "a");
        tagger.tag("bb:1", "cc", "");
        String shortId = image.id().hex().substring(0, 12);

        assertThatThrownBy(() -> remover.remove(shortId, false, List.of()))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.FAILED_PRECONDITION))
                .hasMessage("conflict: unable to delete " + shortId
                        + " (must be forced) - image is referenced in multiple repositories");

        assertThat(remover.remove(shortId, true, List.of())).containsExactly(DeleteItem.untagged("bb:1"),
                DeleteItem.untagged("cc:latest"), DeleteItem.deleted(image.id().toString()),
                DeleteItem.deleted(image.layers().get(0).digest().toString()));
    }

    @Test
    void remove_byIdWithOneTag_untagsAndDeletes() {
        ImageRecord image = importImage("bb", "1", "a");

        assertThat(remover.remove(image.id().toString(), false, List.of()))
                .startsWith(DeleteItem.untagged("bb:1"), DeleteItem.deleted(image.id().toString()));
    }

    @Test
    void remove_nameOfImageAContainerUses_isAConflictUnlessForced() {
        ImageRecord image = importImage("bb", "1", "a");

        assertThatThrownBy(() -> remover.remove("bb:1", false, List.of(STOPPED)))
                .hasMessage("conflict: unable to remove repository reference \"bb:1\" (must force) - container "
                        + "c0ffeec0ffee is using its referenced image " + image.id().hex().substring(0, 12));
        assertThat(store.tagsOf(image.id())).hasSize(1);

        assertThat(remover.remove("bb:1", true, List.of(STOPPED)))
                .contains(DeleteItem.untagged("bb:1"), DeleteItem.deleted(image.id().toString()));
    }

    @Test
    void remove_forcedNameOfImageARunningContainerUses_untagsAndKeepsTheImage() {
        ImageRecord image = importImage("bb", "1", "a");

        assertThat(remover.remove("bb:1", true, List.of(RUNNING))).containsExactly(DeleteItem.untagged("bb:1"));

        assertThat(store.get(image.id())).isPresent();
        assertThat(content.info(image.configDigest())).isPresent();
    }

    @Test
    void remove_byIdOfImageAContainerUses_namesTheContainer() {
        ImageRecord image = importImage("", "", "a");
        String id = image.id().hex().substring(0, 12);

        assertThatThrownBy(() -> remover.remove(id, false, List.of(STOPPED)))
                .hasMessage("conflict: unable to delete " + id
                        + " (must be forced) - image is being used by stopped container c0ffeec0ffee");
        assertThatThrownBy(() -> remover.remove(id, true, List.of(RUNNING)))
                .hasMessage("conflict: unable to delete " + id
                        + " (cannot be forced) - image is being used by running container beefbeefbeef");
    }

    @Test
    void remove_lastTagOfRepository_takesItsRepoDigestsAlong() {
        ImageRecord image = importImage("", "", "a");
        String repoDigest = "127.0.0.1:5000/x/y@sha256:" + "12".repeat(32);
        store.savePulled(image, Optional.of(ImageReference.parse("127.0.0.1:5000/x/y:t")), repoDigest);
        tagger.tag(image.id().toString(), "keep", "");

        assertThat(remover.remove("127.0.0.1:5000/x/y:t", false, List.of()))
                .containsExactly(DeleteItem.untagged("127.0.0.1:5000/x/y:t"), DeleteItem.untagged(repoDigest));
        assertThat(store.get(image.id()).orElseThrow().repoDigests()).isEmpty();
    }

    @Test
    void remove_unknownImage_isNotFound() {
        assertThatThrownBy(() -> remover.remove("nope", false, List.of()))
                .hasMessage("No such image: nope:latest");
    }

    @Test
    void prune_dangling_removesOnlyUntaggedUnusedImages() {
        ImageRecord tagged = importImage("bb", "1", "a");
        ImageRecord dangling = importImage("", "", "b");
        ImageRecord used = importImage("", "", "c");
        ImagePruner pruner = new ImagePruner(new ImageCatalog(store, content), remover, store);

        PruneReport report = pruner.prune(Map.of(), java.util.Set.of(used.id()));

        assertThat(report.deleted()).containsExactly(DeleteItem.deleted(dangling.id().toString()));
        assertThat(store.get(tagged.id())).isPresent();
        assertThat(store.get(used.id())).isPresent();
    }

    @Test
    void prune_notDangling_removesTaggedUnusedImagesAndCountsTheirLayers() {
        ImageRecord tagged = importImage("bb", "1", "a");
        ImagePruner pruner = new ImagePruner(new ImageCatalog(store, content), remover, store);

        PruneReport report = pruner.prune(Map.of("dangling", List.of("false")), java.util.Set.of());

        assertThat(report.deleted()).contains(DeleteItem.untagged("bb:1"), DeleteItem.deleted(tagged.id().toString()));
        assertThat(report.spaceReclaimed()).isEqualTo(tagged.layers().get(0).uncompressedSize());
    }

    @Test
    void prune_unknownFilter_isInvalid() {
        ImagePruner pruner = new ImagePruner(new ImageCatalog(store, content), remover, store);

        assertThatThrownBy(() -> pruner.prune(Map.of("colour", List.of("red")), java.util.Set.of()))
                .hasMessage("invalid filter 'colour'");
    }

    @Test
    void isSingleReference_followsDocker() {
        ImageReference tag = ImageReference.parse("x/y:1");
        ImageReference digest = ImageReference.parse("x/y@sha256:" + "ab".repeat(32));
        ImageReference otherTag = ImageReference.parse("x/y:2");

        assertThat(ImageRemover.isSingleReference(List.of())).isFalse();
        assertThat(ImageRemover.isSingleReference(List.of(tag))).isTrue();
        assertThat(ImageRemover.isSingleReference(List.of(tag, digest))).isTrue();
        assertThat(ImageRemover.isSingleReference(List.of(tag, otherTag))).isFalse();
        assertThat(ImageRemover.isSingleReference(List.of(tag, ImageReference.parse("z@sha256:" + "ab".repeat(32)))))
                .isFalse();
    }

    private ImageRecord importImage(String repo, String tag, String message) {
        return importer.importImage(ImportOptions.of(repo, tag, List.of(), message, ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));
    }

}

package dev.berth.image.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.image.TestTarballs;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

class ImageTaggerTest {

    @TempDir
    Path root;

    private ImageMetadataStore store;
    private ImageImporter importer;
    private ImageTagger tagger;

    @BeforeEach
    void setUp() {
        LocalContentStore content = new LocalContentStore(root);
        store = new ImageMetadataStore(root);
        importer = new ImageImporter(content, store, Clock.systemUTC());
        tagger = new ImageTagger(new ImageCatalog(store, content), store);
    }

    @Test
    void tag_newName_pointsItAtTheImageAndSurvivesARestart() {
        ImageRecord image = importImage("bb", "1", "a");

        assertThat(tagger.tag("bb:1", "127.0.0.1:5000/x/y", "t")).isEqualTo(image.id());

        assertThat(new ImageMetadataStore(root).tagsOf(image.id())).extracting(ImageReference::familiarString)
                .containsExactly("127.0.0.1:5000/x/y:t", "bb:1");
    }

    @Test
    void tag_nameOfAnotherImage_movesItAndLeavesThatImageDangling() {
        ImageRecord old = importImage("bb", "", "old");
        ImageRecord fresh = importImage("", "", "new");

        tagger.tag(fresh.id().hex().substring(0, 12), "bb", "");

        assertThat(store.findByTag(ImageReference.parse("bb:latest")).orElseThrow().id()).isEqualTo(fresh.id());
        assertThat(store.get(old.id())).isPresent();
        assertThat(store.tagsOf(old.id())).isEmpty();
    }

    @Test
    void tag_badTargets_areRefusedAsDockerDoes() {
        importImage("bb", "1", "a");

        assertThatThrownBy(() -> tagger.tag("bb:1", "Bad", "")).hasMessageContaining("must be lowercase");
        assertThatThrownBy(() -> tagger.tag("bb:1", "x", "-bad")).hasMessage("invalid tag format");
        assertThatThrownBy(() -> tagger.tag("bb:1", "sha256", "x"))
                .hasMessage("refusing to create an ambiguous tag using digest algorithm as name");
        assertThatThrownBy(() -> tagger.tag("nope", "x", "")).hasMessage("No such image: nope:latest");
    }

    private ImageRecord importImage(String repo, String tag, String message) {
        return importer.importImage(ImportOptions.of(repo, tag, List.of(), message, ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));
    }
}

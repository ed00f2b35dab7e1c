package dev.berth.image.catalog;

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

import dev.berth.image.TestTarballs;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.common.error.BerthException;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

class ImageCatalogTest {

    @TempDir
    Path root;

    private ImageMetadataStore store;
    private ImageImporter importer;
    private ImageCatalog catalog;

    @BeforeEach
    void setUp() {
        LocalContentStore content = new LocalContentStore(root);
        store = new ImageMetadataStore(root);
        importer = new ImageImporter(content, store, Clock.systemUTC());
        catalog = new ImageCatalog(store, content);
    }

    @Test
    void resolve_byTagFamiliarOrFull_findsImage() {
        ImageRecord image = importImage("bb", "1", "x");

        assertThat(catalog.resolve("bb:1").record()).isEqualTo(image);
        assertThat(catalog.resolve("docker.io/library/bb:1").record()).isEqualTo(image);
        assertThat(catalog.resolve("library/bb:1").repoTags()).containsExactly("bb:1");
    }

    @Test
    void resolve_bareName_usesLatest() {
        ImageRecord image = importImage("bb", "", "x");

        assertThat(catalog.resolve("bb").record()).isEqualTo(image);
    }

    @Test
    void resolve_byIdForms_findsImage() {
        ImageRecord image = importImage("", "", "x");
        String hex = image.id().hex();

        assertThat(catalog.resolve(image.id().toString()).record()).isEqualTo(image);
        assertThat(catalog.resolve(hex).record()).isEqualTo(image);
        assertThat(catalog.resolve(hex.substring(0, 12)).record()).isEqualTo(image);
        assertThat(catalog.resolve("sha256:" + hex.substring(0, 12)).record()).isEqualTo(image);
    }

    @Test
    void resolve_ambiguousPrefix_isNotFound() {
        ImageRecord[] pair = twoImagesSharingFirstHexDigit();
        String prefix = pair[0].id().hex().substring(0, 1);

        assertThatThrownBy(() -> catalog.resolve(prefix))
                .isInstanceOf(BerthException.class)
                .hasMessage("No such image: " + prefix + ":latest");
        assertThat(catalog.resolve(pair[0].id().hex().substring(0, 20)).record()).isEqualTo(pair[0]);
    }

    @Test
    void resolve_unknown_isNotFoundWithDockerText() {
        String fullId = "sha256:" + "f".repeat(64);

        assertThatThrownBy(() -> catalog.resolve("nope")).isInstanceOf(BerthException.class)
                .hasMessage("No such image: nope:latest");
        assertThatThrownBy(() -> catalog.resolve("myreg:5000/nope:2")).hasMessage("No such image: myreg:5000/nope:2");
        assertThatThrownBy(() -> catalog.resolve(fullId)).hasMessage("No such image: " + fullId);
        assertThatThrownBy(() -> catalog.resolve("f".repeat(64))).hasMessage("No such image: " + fullId);
    }

    @Test
    void resolve_badReference_isInvalidArgument() {
        assertThatThrownBy(() -> catalog.resolve("Bb"))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid reference format: repository name (library/Bb) must be lowercase");
    }

    @Test
    void list_filters_selectImages() {
        ImageRecord tagged = importImage("bb", "1", "tagged", "LABEL team=core");
        ImageRecord other = importImage("myreg:5000/app", "2", "other");
        ImageRecord dangling = importImage("", "", "dangling");

        assertThat(ids(ImageFilters.none())).containsExactlyInAnyOrder(tagged.id(), other.id(), dangling.id());
        assertThat(ids(filters("dangling", "true"))).containsExactly(dangling.id());
        assertThat(ids(filters("dangling", "false"))).containsExactlyInAnyOrder(tagged.id(), other.id());
        assertThat(ids(filters("reference", "bb"))).containsExactly(tagged.id());
        assertThat(ids(filters("reference", "bb:*"))).containsExactly(tagged.id());
        assertThat(ids(filters("reference", "myreg:5000/*"))).containsExactly(other.id());
        assertThat(ids(filters("label", "team"))).containsExactly(tagged.id());
        assertThat(ids(filters("label", "team=core"))).containsExactly(tagged.id());
        assertThat(ids(filters("label", "team=other"))).isEmpty();
    }

    @Test
    void list_unknownFilter_isInvalidArgument() {
        assertThatThrownBy(() -> ImageFilters.of(Map.of("colour", List.of("red"))))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid filter 'colour'");
    }

    private List<Digest> ids(ImageFilters filters) {
        return catalog.list(filters).stream().map(details -> details.record().id()).toList();
    }

    private static ImageFilters filters(String key, String value) {
        return ImageFilters.of(Map.of(key, List.of(value)));
    }

    private ImageRecord importImage(String repo, String tag, String message, String... changes) {
        return importer.importImage(ImportOptions.of(repo, tag, List.of(changes), message, ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));
    }

    /** Ids are hashes: among 17 images two share their first hex digit. */
    private ImageRecord[] twoImagesSharingFirstHexDigit() {
        Map<Character, ImageRecord> byFirstDigit = new java.util.HashMap<>();
        for (int i = 0; i <= 16; i++) {
            ImageRecord image = importImage("", "", "image " + i);
            Optional<ImageRecord> earlier = Optional.ofNullable(byFirstDigit.putIfAbsent(image.id().hex().charAt(0), image));
            if (earlier.isPresent()) {
                return new ImageRecord[] {earlier.get(), image};
            }
        }
        throw new AssertionError("pigeonhole principle violated");
    }
}

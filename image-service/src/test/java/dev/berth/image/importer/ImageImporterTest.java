package dev.berth.image.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.berth.image.TestTarballs;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

class ImageImporterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:30:00.123456789Z");

    @TempDir
    Path root;

    private LocalContentStore content;
    private ImageMetadataStore store;
    private ImageImporter importer;

    @BeforeEach
    void setUp() {
        content = new LocalContentStore(root);
        store = new ImageMetadataStore(root);
        importer = new ImageImporter(content, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void importImage_plainTar_storesLayerAndConfig() throws IOException {
        byte[] tar = TestTarballs.smallTar();

        ImageRecord image = importer.importImage(options("bb", "1"), new ByteArrayInputStream(tar));

        byte[] config = read(image.configDigest());
        assertThat(image.id()).isEqualTo(Digest.of(config));
        assertThat(image.layers()).containsExactly(
                new LayerRecord(Digest.of(tar), Digest.of(tar), tar.length, LayerRecord.OCI_LAYER_TAR));
        assertThat(read(Digest.of(tar))).isEqualTo(tar);
        assertThat(image.size()).isEqualTo(tar.length);
        assertThat(image.created()).isEqualTo(NOW);
        assertThat(store.findByTag(ImageReference.parse("bb:1"))).contains(image);
    }

    @ParameterizedTest
    @ValueSource(strings = {CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ,
            CompressorStreamFactory.ZSTANDARD})
    void importImage_compressedTar_storesUncompressedLayer(String format) throws IOException {
        byte[] tar = TestTarballs.smallTar();
        byte[] compressed = TestTarballs.compress(format, tar);

        ImageRecord image = importer.importImage(options("", ""), new ByteArrayInputStream(compressed));

        LayerRecord layer = image.layers().get(0);
        assertThat(layer.diffId()).isEqualTo(Digest.of(tar));
        assertThat(layer.digest()).isEqualTo(Digest.of(tar));
        assertThat(layer.size()).isEqualTo(tar.length);
        assertThat(read(layer.digest())).isEqualTo(tar);
    }

    @Test
    void importImage_noChanges_configMatchesDockerImport() throws IOException {
        byte[] tar = TestTarballs.smallTar();

        ImageRecord image = importer.importImage(options("bb", ""), new ByteArrayInputStream(tar));

        String json = new String(read(image.configDigest()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"Cmd\":null", "\"Env\":null", "\"Entrypoint\":null", "\"os\":\"linux\"",
                "\"created\":\"2026-11-27T03:30:00.123456789Z\"", "\"comment\":\"Imported from -\"",
                "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(tar) + "\"]}");
        ImageConfigDocument config = ImageConfigCodec.decode(read(image.configDigest()));
        assertThat(config.architecture()).isEqualTo(Platform.host().architecture());
        assertThat(config.history()).singleElement()
                .satisfies(entry -> assertThat(entry.comment()).isEqualTo("Imported from -"));
        assertThat(store.findByTag(ImageReference.parse("bb:latest"))).contains(image);
    }

    @Test
    void importImage_changesAndMessage_areApplied() throws IOException {
        ImportOptions options = ImportOptions.of("bb", "2", List.of("CMD [\"sh\"]", "ENV A=1"), "my import",
                "linux/arm64/v8");

        ImageRecord image = importer.importImage(options, new ByteArrayInputStream(TestTarballs.smallTar()));

        ImageConfigDocument config = ImageConfigCodec.decode(read(image.configDigest()));
        assertThat(config.config().cmd()).containsExactly("sh");
        assertThat(config.config().env()).containsExactly("A=1");
        assertThat(config.comment()).isEqualTo("my import");
        assertThat(config.history().get(0).comment()).isEqualTo("my import");
        assertThat(config.architecture()).isEqualTo("arm64");
        assertThat(config.variant()).isEqualTo("v8");
    }

    @Test
    void importImage_sameTagAgain_movesTagAndKeepsOldImage() {
        ImageRecord first = importer.importImage(options("bb", "1"), new ByteArrayInputStream(TestTarballs.smallTar()));
        ImportOptions other = ImportOptions.of("bb", "1", List.of(), "second", "");
        ImageRecord second = importer.importImage(other, new ByteArrayInputStream(TestTarballs.smallTar()));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(store.findByTag(ImageReference.parse("bb:1"))).contains(second);
        assertThat(store.get(first.id())).contains(first);
        assertThat(store.tagsOf(first.id())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"this is not a tarball, just some text that goes on for a while", ""})
    void importImage_notATar_isRefusedAndStoresNothing(String input) throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importer.importImage(options("bb", "1"), new ByteArrayInputStream(bytes)))
                .isInstanceOf(BerthException.class)
                .hasMessage("archive/tar: invalid tar header");

        assertNothingStored();
    }

    @Test
    void importImage_gzipOfText_isRefusedAndStoresNothing() throws IOException {
        byte[] gzip = TestTarballs.compress(CompressorStreamFactory.GZIP, "x".repeat(2000).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> importer.importImage(options("bb", "1"), new ByteArrayInputStream(gzip)))
                .isInstanceOf(BerthException.class);

        assertNothingStored();
    }

    @Test
    void importImage_badChange_isRefusedBeforeReadingTarball() throws IOException {
        ImportOptions options = ImportOptions.of("bb", "1", List.of("RUN rm -rf /"), "", "");

        assertThatThrownBy(() -> importer.importImage(options, new ByteArrayInputStream(TestTarballs.smallTar())))
                .isInstanceOf(BerthException.class)
                .hasMessage("run is not a valid change command");

        assertNothingStored();
    }

    @Test
    void importOptions_uppercaseRepo_isRefused() {
        assertThatThrownBy(() -> ImportOptions.of("Bb", "1", List.of(), "", ""))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid reference format: repository name (library/Bb) must be lowercase");
    }

    @Test
    void importOptions_unsupportedPlatform_isRefusedOnImport() {
        ImportOptions options = ImportOptions.of("", "", List.of(), "", "windows/amd64");

        assertThatThrownBy(() -> importer.importImage(options, new ByteArrayInputStream(TestTarballs.smallTar())))
                .isInstanceOf(BerthException.class)
                .hasMessage("operating system is not supported: windows");
    }

    private void assertNothingStored() throws IOException {
        assertThat(store.count()).isZero();
        assertThat(content.totalBytes()).isZero();
        try (var blobs = Files.list(root.resolve("blobs/sha256")); var ingests = Files.list(root.resolve("ingest"))) {
            assertThat(blobs).isEmpty();
            assertThat(ingests).isEmpty();
        }
        assertThat(root.resolve("repositories.json")).doesNotExist();
    }

    private static ImportOptions options(String repo, String tag) {
        return ImportOptions.of(repo, tag, List.of(), "", "");
    }

    private byte[] read(Digest digest) throws IOException {
        try (InputStream in = content.open(digest)) {
            return in.readAllBytes();
        }
    }

    @Test
    void importOptions_tagInRepo_isUsed() {
        assertThat(ImportOptions.of("bb:3", "", List.of(), "", "").tag())
                .isEqualTo(Optional.of(ImageReference.parse("bb:3")));
    }
}

package dev.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
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

/** Save, then load into a second, empty store; and archives a load must refuse. */
class ImageArchiveTest {

    @TempDir
    Path source;
    @TempDir
    Path target;

    private ImageMetadataStore sourceStore;
    private ImageSaver saver;
    private ImageImporter importer;
    private LocalContentStore targetContent;
    private ImageMetadataStore targetStore;
    private ImageLoader loader;

    @BeforeEach
    void setUp() {
        LocalContentStore sourceContent = new LocalContentStore(source);
        sourceStore = new ImageMetadataStore(source);
        importer = new ImageImporter(sourceContent, sourceStore, Clock.systemUTC());
        saver = new ImageSaver(new ImageCatalog(sourceStore, sourceContent), sourceStore, sourceContent);
        targetContent = new LocalContentStore(target);
        targetStore = new ImageMetadataStore(target);
        loader = new ImageLoader(targetContent, targetStore, new BlobCollector(targetStore, targetContent));
    }

    @Test
    void saveThenLoad_keepsIdLayersAndTags() throws IOException {
        ImageRecord image = importImage("bb", "1");
        byte[] archive = save("bb:1");

        List<String> messages = loader.load(new ByteArrayInputStream(archive));

        assertThat(messages).containsExactly("Loaded image: bb:1");
        ImageRecord loaded = targetStore.findByTag(ImageReference.parse("bb:1")).orElseThrow();
        assertThat(loaded.id()).isEqualTo(image.id());
        assertThat(loaded.layers()).extracting(l -> l.diffId()).containsExactlyElementsOf(
                image.layers().stream().map(l -> l.diffId()).toList());
    }

    @Test
    void save_writesDockersFilesAndTheOciLayout() throws IOException {
        ImageRecord image = importImage("bb", "1");

        List<String> names = entryNames(save("bb"));

        assertThat(names).contains("blobs/sha256/" + image.id().hex(),
                "blobs/sha256/" + image.layers().get(0).diffId().hex(), "index.json", "manifest.json", "oci-layout",
                "repositories");
    }

    @Test
    void save_unknownName_failsBeforeWriting() {
        assertThatThrownBy(() -> saver.prepare(List.of("nope"))).hasMessage("No such image: nope:latest");
    }

    @Test
    void load_ociLayoutWithoutManifestJson_loadsUntaggedWhenRefNameIsBare() throws IOException {
        ImageRecord image = importImage("", "");
        byte[] archive = without(save(image.id().toString()), "manifest.json", "repositories");

        assertThat(loader.load(new ByteArrayInputStream(archive))).containsExactly("Loaded image ID: " + image.id());
        assertThat(targetStore.get(image.id())).isPresent();
    }

    @Test
    void load_pathEscapingTheArchive_isRefusedAndRecordsNothing() throws IOException {
        byte[] archive = tar(List.of(file("../evil", "x"), file("manifest.json", "[]")));

        assertRefused(archive, "invalid archive: path escapes the archive: ../evil");
    }

    @Test
    void load_absolutePathsAndLinks_areRefused() throws IOException {
        assertRefused(tar(List.of(file("/etc/passwd", "x"))), "invalid archive: absolute path /etc/passwd");
        TarArchiveEntry link = new TarArchiveEntry("layer.tar", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/shadow");
        assertRefused(tar(List.of(new Entry(link, new byte[0]))), "invalid archive: links are not allowed: layer.tar");
    }

    @Test
    void load_blobNotMatchingItsName_isRefusedAndItsContentCollected() throws IOException {
        String fake = "blobs/sha256/" + "ab".repeat(32);
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream(
                tar(List.of(file(fake, "not that"), file("manifest.json", "[]"))))))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT))
                .hasMessageStartingWith("invalid archive: " + fake + ": unexpected commit digest");
        assertThat(targetContent.list()).isEmpty();
    }

    @Test
    void load_layerNotMatchingTheConfig_isRefusedAndRecordsNothing() throws IOException {
        importImage("bb", "1");
        byte[] archive = save("bb:1");
        ImageRecord other = importImage("cc", "1");
        // the manifest now names a config whose diff id the layer does not have
        byte[] config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:".concat("00".repeat(32))
                .concat("\"]}}").getBytes(StandardCharsets.UTF_8);
        String configPath = "blobs/sha256/" + Digest.of(config).hex();
        List<Entry> entries = new ArrayList<>(entries(archive, "manifest.json"));
        String layerPath = "blobs/sha256/" + other.layers().get(0).diffId().hex();
        entries.add(new Entry(entry(configPath, config.length), config));
        String manifest = "[{\"Config\":\"" + configPath + "\",\"RepoTags\":[\"bad:1\"],\"Layers\":[\"" + layerPath
                + "\"]}]";
        entries.add(file("manifest.json", manifest));

        assertRefused(tar(entries), "invalid archive: layer ");
    }

    @Test
    void load_garbage_isAnInvalidArchive() {
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream("not a tar at all".repeat(64).getBytes())))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("invalid archive");
    }

    private void assertRefused(byte[] archive, String messageStart) {
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream(archive)))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT))
                .hasMessageStartingWith(messageStart);
        assertThat(targetStore.all()).isEmpty();
        assertThat(targetContent.list()).isEmpty();
    }

    private ImageRecord importImage(String repo, String tag) {
        return importer.importImage(ImportOptions.of(repo, tag, List.of(), "", ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));
    }

    private byte[] save(String... names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        saver.prepare(List.of(names)).writeTo(out);
        return out.toByteArray();
    }

    private record Entry(TarArchiveEntry header, byte[] data) {
    }

    private static Entry file(String name, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return new Entry(entry(name, data.length), data);
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        return entry;
    }

    private static byte[] tar(List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Entry entry : entries) {
                tar.putArchiveEntry(entry.header());
                tar.write(entry.data());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static List<Entry> entries(byte[] archive, String... dropped) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!List.of(dropped).contains(entry.getName()) && !entry.isDirectory()) {
                    entries.add(new Entry(entry(entry.getName(), entry.getSize()), tar.readAllBytes()));
                }
            }
        }
        return entries;
    }

    private static byte[] without(byte[] archive, String... dropped) throws IOException {
        return tar(entries(archive, dropped));
    }

    private static List<String> entryNames(byte[] archive) throws IOException {
        return entries(archive).stream().map(e -> e.header().getName()).toList();
    }
}

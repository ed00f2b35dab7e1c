package dev.berth.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.compress.Decompression;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.Provider;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.MediaTypes;
import dev.berth.image.store.LayerRecord;

/**
 * Writes images as Docker 25's save archive: every blob once under {@code blobs/sha256/} (configs,
 * uncompressed layer tars named by their diff ids, one OCI manifest per image), then
 * {@code index.json}, {@code manifest.json}, {@code oci-layout} and {@code repositories}. Layers are
 * decompressed as they are written; nothing is held in memory but the small JSON documents.
 */
final class ImageArchiveWriter {

    static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Fixed times make two saves of the same images the same bytes. */
    private static final long EPOCH = 0;

    private final Provider content;

    ImageArchiveWriter(Provider content) {
        this.content = content;
    }

    void write(List<SavedImage> images, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Set<Digest> written = new HashSet<>();
        List<Map<String, Object>> dockerManifest = new ArrayList<>();
        List<Map<String, Object>> index = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        for (SavedImage image : images) {
            byte[] config = read(image.record().configDigest());
            blob(tar, written, image.record().configDigest(), config);
            List<String> layerPaths = new ArrayList<>();
            List<Map<String, Object>> layerDescriptors = new ArrayList<>();
            for (LayerRecord layer : image.record().layers()) {
                if (written.add(layer.diffId())) {
                    layer(tar, layer);
                }
                layerPaths.add(path(layer.diffId()));
                layerDescriptors.add(descriptor(OCI_LAYER_TAR, layer.diffId(), layer.uncompressedSize()));
            }
            byte[] manifest = JSON.writeValueAsBytes(ociManifest(
                    descriptor(MediaTypes.OCI_CONFIG, image.record().configDigest(), config.length), layerDescriptors));
            Digest manifestDigest = Digest.of(manifest);
            blob(tar, written, manifestDigest, manifest);
            indexEntries(image, manifestDigest, manifest.length, index);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Config", path(image.record().configDigest()));
            entry.put("RepoTags", image.tags().isEmpty() ? null
                    : image.tags().stream().map(ImageReference::familiarString).toList());
            entry.put("Layers", layerPaths);
            dockerManifest.add(entry);
            for (ImageReference tag : image.tags()) {
                if (!image.record().layers().isEmpty()) {
                    repositories.computeIfAbsent(tag.familiarName(), name -> new TreeMap<>()).put(tag.tag().orElseThrow(),
                            image.record().layers().get(image.record().layers().size() - 1).diffId().hex());
                }
            }
        }
        Map<String, Object> indexJson = new LinkedHashMap<>();
        indexJson.put("schemaVersion", 2);
        indexJson.put("mediaType", MediaTypes.OCI_INDEX);
        indexJson.put("manifests", index);
        file(tar, "index.json", JSON.writeValueAsBytes(indexJson));
        file(tar, "manifest.json", JSON.writeValueAsBytes(dockerManifest));
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.US_ASCII));
        if (!repositories.isEmpty()) {
            file(tar, "repositories", JSON.writeValueAsBytes(repositories));
        }
        tar.finish();
        tar.flush();
    }

    private static void indexEntries(SavedImage image, Digest manifest, long size, List<Map<String, Object>> index) {
        if (image.tags().isEmpty()) {
            index.add(descriptor(MediaTypes.OCI_MANIFEST, manifest, size));
            return;
        }
        for (ImageReference tag : image.tags()) {
            Map<String, Object> entry = descriptor(MediaTypes.OCI_MANIFEST, manifest, size);
            entry.put("annotations", Map.of("io.containerd.image.name", tag.toString(),
                    "org.opencontainers.image.ref.name", tag.tag().orElseThrow()));
            index.add(entry);
        }
    }

    private static Map<String, Object> ociManifest(Map<String, Object> config, List<Map<String, Object>> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("config", config);
        manifest.put("layers", layers);
        return manifest;
    }

    private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest.toString());
        descriptor.put("size", size);
        return descriptor;
    }

    /** The layer's tar, decompressed on the fly; its size is known from the pull or import. */
    private void layer(TarArchiveOutputStream tar, LayerRecord layer) throws IOException {
        TarArchiveEntry entry = entry(path(layer.diffId()), layer.uncompressedSize());
        tar.putArchiveEntry(entry);
        try (InputStream in = Decompression.decompressed(content.open(layer.digest()))) {
            long copied = in.transferTo(tar);
            if (copied != layer.uncompressedSize()) {
                throw BerthException.internal("layer " + layer.digest() + " holds " + copied + " bytes, not "
                        + layer.uncompressedSize());
            }
        }
        tar.closeArchiveEntry();
    }

    private static void blob(TarArchiveOutputStream tar, Set<Digest> written, Digest digest, byte[] bytes)
            throws IOException {
        if (written.add(digest)) {
            file(tar, path(digest), bytes);
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(entry(name, bytes.length));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(EPOCH);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(EPOCH);
        return entry;
    }

    static String path(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    private byte[] read(Digest digest) throws IOException {
        try (InputStream in = content.open(digest)) {
            return in.readAllBytes();
        }
    }
}

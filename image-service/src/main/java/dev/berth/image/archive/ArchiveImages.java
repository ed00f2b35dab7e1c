package dev.berth.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.compress.Decompression;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.Provider;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.ImageIndex;
import dev.berth.image.registry.ImageManifest;
import dev.berth.image.registry.ManifestDocument;
import dev.berth.image.registry.ManifestParser;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * The images of a read archive: from Docker's {@code manifest.json} when present, else from the
 * OCI {@code index.json}. Every layer is decompressed and checked against the config's diff ids,
 * and the config's digest is the image id, so what is recorded is what the config describes.
 */
final class ArchiveImages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

    private final Provider content;

    ArchiveImages(Provider content) {
        this.content = content;
    }

    List<LoadedImage> of(ArchiveContents archive) {
        if (archive.document("manifest.json").isPresent()) {
            return fromDockerManifest(archive);
        }
        return fromOciIndex(archive);
    }

    private List<LoadedImage> fromDockerManifest(ArchiveContents archive) {
        JsonNode root = parse(archive.document("manifest.json").orElseThrow(), "manifest.json");
        if (!root.isArray()) {
            throw ArchiveEntryRules.invalid("manifest.json is not a list");
        }
        List<LoadedImage> images = new ArrayList<>();
        for (JsonNode entry : root) {
            BlobInfo config = archive.file(text(entry, "Config"), "manifest.json");
            List<BlobInfo> layers = new ArrayList<>();
            JsonNode layerPaths = entry.get("Layers");
            if (layerPaths == null || !layerPaths.isArray()) {
                throw ArchiveEntryRules.invalid("manifest.json entry without Layers");
            }
            layerPaths.forEach(path -> layers.add(archive.file(path.asString(), "manifest.json")));
            List<ImageReference> tags = new ArrayList<>();
            JsonNode repoTags = entry.get("RepoTags");
            if (repoTags != null && repoTags.isArray()) {
                repoTags.forEach(tag -> tags.add(tag(tag.asString())));
            }
            images.add(image(config, layers.stream().map(l -> (String) null).toList(), layers, tags));
        }
        return images;
    }

    private List<LoadedImage> fromOciIndex(ArchiveContents archive) {
        byte[] indexBytes = archive.document("index.json").orElseThrow(() ->
                ArchiveEntryRules.invalid("neither manifest.json nor index.json found"));
        List<LoadedImage> images = new ArrayList<>();
        for (Descriptor entry : index(indexBytes, "index.json").manifests()) {
            addFromDescriptor(archive, entry, tagOf(entry, indexBytes), images, 0);
        }
        return images;
    }

    private void addFromDescriptor(ArchiveContents archive, Descriptor descriptor, List<ImageReference> tags,
            List<LoadedImage> images, int depth) {
        BlobInfo blob = archive.file(ImageArchiveWriter.path(descriptor.digest()), "index.json");
        ManifestDocument document = parseManifest(read(blob.digest()), descriptor.digest().toString());
        if (document instanceof ImageIndex nested) {
            if (depth > 2) {
                throw ArchiveEntryRules.invalid("indexes nested too deep");
            }
            for (Descriptor child : nested.manifests()) {
                addFromDescriptor(archive, child, tags, images, depth + 1);
            }
            return;
        }
        ImageManifest manifest = (ImageManifest) document;
        BlobInfo config = archive.file(ImageArchiveWriter.path(manifest.config().digest()), "manifest");
        List<BlobInfo> layers = new ArrayList<>();
        List<String> mediaTypes = new ArrayList<>();
        for (Descriptor layer : manifest.layers()) {
            layers.add(archive.file(ImageArchiveWriter.path(layer.digest()), "manifest " + descriptor.digest()));
            mediaTypes.add(layer.mediaType());
        }
        if (images.stream().noneMatch(image -> image.record().id().equals(config.digest()))) {
            images.add(image(config, mediaTypes, layers, tags));
        }
    }

    private LoadedImage image(BlobInfo config, List<String> mediaTypes, List<BlobInfo> layers,
            List<ImageReference> tags) {
        ImageConfigDocument document = ImageConfigCodec.decode(read(config.digest()));
        List<String> diffIds = document.rootfs() == null || document.rootfs().diffIds() == null
                ? List.of() : document.rootfs().diffIds();
        if (diffIds.size() != layers.size()) {
            throw ArchiveEntryRules.invalid("config " + config.digest() + " has " + diffIds.size() + " diff ids for "
                    + layers.size() + " layers");
        }
        List<LayerRecord> records = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < layers.size(); i++) {
            BlobInfo layer = layers.get(i);
            long[] uncompressed = new long[1];
            Digest diffId = diffIdOf(layer.digest(), uncompressed);
            if (!diffId.toString().equals(diffIds.get(i))) {
                throw ArchiveEntryRules.invalid("layer " + layer.digest() + " has diff id " + diffId
                        + ", the config says " + diffIds.get(i));
            }
            String mediaType = mediaTypes.get(i) != null ? mediaTypes.get(i)
                    : diffId.equals(layer.digest()) ? LayerRecord.OCI_LAYER_TAR : "application/vnd.oci.image.layer.v1.tar+gzip";
            records.add(new LayerRecord(layer.digest(), diffId, layer.size(), mediaType, uncompressed[0]));
            size += uncompressed[0];
        }
        return new LoadedImage(new ImageRecord(config.digest(), config.digest(), records, created(document), size),
                tags);
    }

    private Digest diffIdOf(Digest blob, long[] size) {
        MessageDigest digester = Digest.newDigester();
        try (InputStream in = new DigestInputStream(Decompression.decompressed(content.open(blob)), digester)) {
            size[0] = in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw ArchiveEntryRules.invalid("layer " + blob + " does not decompress: " + e.getMessage());
        }
        return Digest.fromDigester(digester);
    }

    private static List<ImageReference> tagOf(Descriptor entry, byte[] indexBytes) {
        Map<String, String> annotations = annotations(indexBytes, entry.digest());
        String name = annotations.getOrDefault(CONTAINERD_NAME, annotations.getOrDefault(OCI_REF_NAME, ""));
        if (name.isEmpty()) {
            return List.of();
        }
        try {
            ImageReference reference = ImageReference.parse(name);
            return reference.tag().isPresent() && reference.digest().isEmpty() ? List.of(reference) : List.of();
        } catch (BerthException e) {
            return List.of(); // a bare ref name ("latest") names no repository: loaded untagged
        }
    }

    /** The annotations of the index entry for {@code digest} (the parsed descriptors drop them). */
    private static Map<String, String> annotations(byte[] indexBytes, Digest digest) {
        JsonNode manifests = parse(indexBytes, "index.json").get("manifests");
        if (manifests != null) {
            for (JsonNode entry : manifests) {
                if (digest.toString().equals(text(entry, "digest")) && entry.get("annotations") != null) {
                    Map<String, String> found = new java.util.HashMap<>();
                    entry.get("annotations").properties().forEach(p -> found.put(p.getKey(), p.getValue().asString()));
                    return found;
                }
            }
        }
        return Map.of();
    }

    private static ImageReference tag(String text) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(text).withDefaultTag();
        } catch (BerthException e) {
            throw ArchiveEntryRules.invalid("bad tag " + text + " in manifest.json: " + e.getMessage());
        }
        if (reference.digest().isPresent()) {
            throw ArchiveEntryRules.invalid("RepoTags entry " + text + " is not a tag");
        }
        return reference;
    }

    private static ImageIndex index(byte[] bytes, String what) {
        ManifestDocument document = parseManifest(bytes, what);
        if (!(document instanceof ImageIndex index)) {
            throw ArchiveEntryRules.invalid(what + " is not an image index");
        }
        return index;
    }

    private static ManifestDocument parseManifest(byte[] bytes, String what) {
        try {
            return ManifestParser.parse("", bytes);
        } catch (IllegalArgumentException e) {
            throw ArchiveEntryRules.invalid(what + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] bytes, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw ArchiveEntryRules.invalid(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw ArchiveEntryRules.invalid("missing \"" + field + "\"");
        }
        return value.asString();
    }

    private static Instant created(ImageConfigDocument config) {
        try {
            return config.created() == null ? Instant.EPOCH : Instant.parse(config.created());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private byte[] read(Digest digest) {
        try (InputStream in = content.open(digest)) {
            return in.readNBytes(ArchiveReader.MAX_DOCUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.berth.image.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.berth.common.digest.Digest;

/** The on-disk JSON shapes of the metadata, kept apart from the domain records. */
final class StoredForms {

    private StoredForms() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredLayer(String digest, String diffId, long size, String mediaType, Long uncompressedSize) {

        LayerRecord toRecord() {
            // records written before pulls existed hold only uncompressed (imported) layers
            long uncompressed = uncompressedSize == null ? size : uncompressedSize;
            return new LayerRecord(Digest.parse(digest), Digest.parse(diffId), size, mediaType, uncompressed);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredImage(String id, String configDigest, List<StoredLayer> layers, String created, long size,
            List<String> repoDigests, String builtManifest, String parent, String cacheKey) {

        static StoredImage of(ImageRecord record) {
            List<StoredLayer> layers = record.layers().stream()
                    .map(l -> new StoredLayer(l.digest().toString(), l.diffId().toString(), l.size(), l.mediaType(),
                            l.uncompressedSize()))
                    .toList();
            return new StoredImage(record.id().toString(), record.configDigest().toString(), layers,
                    record.created().toString(), record.size(), record.repoDigests(),
                    record.builtManifest() == null ? null : record.builtManifest().toString(),
                    record.parent() == null ? null : record.parent().toString(), record.cacheKey());
        }

        ImageRecord toRecord() {
            List<LayerRecord> layerRecords = layers.stream().map(StoredLayer::toRecord).toList();
            return new ImageRecord(Digest.parse(id), Digest.parse(configDigest), layerRecords,
                    Instant.parse(created), size, repoDigests, builtManifest == null ? null : Digest.parse(builtManifest),
                    parent == null ? null : Digest.parse(parent), cacheKey);
        }
    }

    /** {@code repositories.json}: full reference ({@code docker.io/library/bb:1}) to image id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredTags(Map<String, String> tags) {
    }
}

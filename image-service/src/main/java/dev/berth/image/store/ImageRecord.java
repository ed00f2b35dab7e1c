package dev.berth.image.store;

import java.time.Instant;
import java.util.List;

import dev.berth.common.digest.Digest;

/**
 * What the metadata store keeps per image. The image config itself is a blob in the content store.
 *
 * @param id           the image id, the digest of the config
 * @param configDigest the config blob
 * @param layers       bottom layer first
 * @param size         sum of the uncompressed layer sizes
 */
public record ImageRecord(Digest id, Digest configDigest, List<LayerRecord> layers, Instant created, long size) {

    public ImageRecord {
        layers = List.copyOf(layers);
    }
}

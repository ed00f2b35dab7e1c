package dev.berth.image.pull;

import java.util.Optional;

import dev.berth.common.digest.Digest;

/**
 * A layer blob in the content store, its digest verified.
 *
 * @param size         bytes of the blob
 * @param uncompressed what its decompressed tar was found to be, when the download measured it;
 *                     empty when the pull's caller unpacks the layer and measures it there
 */
record StoredLayer(Digest digest, long size, Optional<UncompressedDigest> uncompressed) {
}

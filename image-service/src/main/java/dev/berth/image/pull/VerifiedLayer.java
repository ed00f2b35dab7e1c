package dev.berth.image.pull;

import dev.berth.common.digest.Digest;

/**
 * A layer blob committed to the content store, with what its uncompressed tar was found to be.
 *
 * @param size             bytes of the blob
 * @param diffId           sha256 of the uncompressed tar, as computed (not as claimed)
 * @param uncompressedSize bytes of the uncompressed tar
 */
record VerifiedLayer(Digest digest, long size, Digest diffId, long uncompressedSize) {
}

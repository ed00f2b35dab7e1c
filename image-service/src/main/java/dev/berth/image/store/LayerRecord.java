package dev.berth.image.store;

import dev.berth.common.digest.Digest;

/**
 * One layer of an image: the blob in the content store and its uncompressed digest.
 *
 * @param size             bytes of the blob as stored (compressed or not, see the media type)
 * @param uncompressedSize bytes of the tar the blob holds; what Docker counts in an image's size
 */
public record LayerRecord(Digest digest, Digest diffId, long size, String mediaType, long uncompressedSize) {

    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";

    /** An uncompressed layer: its blob is the tar itself. */
    public LayerRecord(Digest digest, Digest diffId, long size, String mediaType) {
        this(digest, diffId, size, mediaType, size);
    }
}

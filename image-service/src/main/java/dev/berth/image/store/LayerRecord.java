package dev.berth.image.store;

import dev.berth.common.digest.Digest;

/** One layer of an image: the blob in the content store and its uncompressed digest. */
public record LayerRecord(Digest digest, Digest diffId, long size, String mediaType) {

    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
}

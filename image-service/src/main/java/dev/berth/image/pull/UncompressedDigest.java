package dev.berth.image.pull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import dev.berth.common.compress.Decompression;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

/** The diff id of a layer: sha256 and size of its content once decompressed (gzip, zstd or plain). */
record UncompressedDigest(Digest digest, long size) {

    /**
     * Reads {@code blob} to the end of its compressed stream; {@code blob} stays open, so that the
     * caller can read whatever follows and close it.
     */
    static UncompressedDigest of(InputStream blob) throws IOException {
        MessageDigest digester = Digest.newDigester();
        long size;
        try (InputStream tar = new DigestInputStream(Decompression.decompressed(nonClosing(blob)), digester)) {
            size = tar.transferTo(OutputStream.nullOutputStream());
        }
        return new UncompressedDigest(Digest.fromDigester(digester), size);
    }

    /** @throws BerthException naming both digests when the layer is not what the config says */
    void require(Digest layer, Digest expectedDiffId) {
        if (!digest.equals(expectedDiffId)) {
            throw BerthException.precondition("failed to verify layer " + layer + ": uncompressed digest " + digest
                    + " does not match diff id " + expectedDiffId + " of the image config");
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the blob stream
            }
        };
    }
}

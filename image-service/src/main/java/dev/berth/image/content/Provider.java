package dev.berth.image.content;

import dev.berth.common.digest.Digest;
import java.io.InputStream;
import java.util.Optional;

/** Reads committed blobs: only committed, verified content is visible here, save to {@link #follow}. */
public interface Provider {

    /**
     * Opens a committed blob for reading; the caller closes the stream.
     *
     * @throws dev.berth.common.error.BerthException when no blob has that digest
     */
    InputStream open(Digest digest);

    /**
     * Opens a blob that may still be arriving: a download in progress ({@link Ingester#writer(Digest)})
     * is read as it is written, and its stream ends once the blob is verified and committed; if the
     * download fails instead, reading fails. A committed blob opens as with {@link #open}.
     *
     * @throws dev.berth.common.error.BerthException when the store neither has nor is getting it
     */
    InputStream follow(Digest digest);

    /** The blob's size, or empty when the store does not hold it. */
    Optional<BlobInfo> info(Digest digest);
}

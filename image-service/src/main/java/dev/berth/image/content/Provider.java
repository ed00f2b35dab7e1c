package dev.berth.image.content;

import dev.berth.common.digest.Digest;
import java.io.InputStream;
import java.util.Optional;

/** Reads committed blobs. Only committed, verified content is ever visible here. */
public interface Provider {

    /**
     * Opens a committed blob for reading; the caller closes the stream.
     *
     * @throws dev.berth.common.error.BerthException when no blob has that digest
     */
    InputStream open(Digest digest);

    /** The blob's size, or empty when the store does not hold it. */
    Optional<BlobInfo> info(Digest digest);
}

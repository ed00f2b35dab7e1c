package dev.berth.image.content;

import dev.berth.common.digest.Digest;
import java.io.Closeable;
import java.io.OutputStream;

/**
 * One ingest in progress. Bytes go to a private ingest file while their digest is computed;
 * {@link #commit} verifies, syncs and atomically renames it into the store. Closing a writer
 * that was not committed discards the ingest, so failed writes leave nothing behind.
 */
public interface ContentWriter extends Closeable {

    /** The stream to write the content to; closing it does not commit. */
    OutputStream stream();

    /** Bytes written so far. */
    long written();

    /**
     * Commits the content, checking it against the expected size and digest when given
     * ({@code expectedSize < 0} and {@code expected == null} mean "trust what was written").
     * If the store already holds the digest the ingest is dropped: the content is "already there".
     *
     * @throws dev.berth.common.error.BerthException on a size or digest mismatch;
     *         the ingest is discarded
     */
    BlobInfo commit(long expectedSize, Digest expected);

    /** Discards the ingest unless it was committed. */
    @Override
    void close();
}

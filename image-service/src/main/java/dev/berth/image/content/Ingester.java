package dev.berth.image.content;

import dev.berth.common.digest.Digest;

/** Writes new blobs: content becomes visible to a {@link Provider} only once committed. */
public interface Ingester {

    /** Starts a new ingest. The caller must commit or close the writer. */
    ContentWriter writer();

    /**
     * Starts the ingest of a blob whose digest is known ahead (a download): until it ends, readers
     * can {@link Provider#follow follow} it. The digest is still checked at commit.
     */
    ContentWriter writer(Digest expected);
}

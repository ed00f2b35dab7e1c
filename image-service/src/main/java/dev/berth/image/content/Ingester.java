package dev.berth.image.content;

/** Writes new blobs: content becomes visible to a {@link Provider} only once committed. */
public interface Ingester {

    /** Starts a new ingest. The caller must commit or close the writer. */
    ContentWriter writer();
}

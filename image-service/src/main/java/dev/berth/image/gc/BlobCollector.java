package dev.berth.image.gc;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentStore;
import dev.berth.image.store.ImageMetadataStore;

/**
 * Removes the blobs no recorded image needs (mark and sweep over the metadata). Work that writes
 * blobs before recording the image that needs them (pull, import, load, push) holds a
 * {@link Lease}; a collection asked for meanwhile runs when the last lease ends, and new leases wait
 * for a collection under way. Image records are always removed before their blobs, so a crash at
 * any point leaves only unreferenced blobs, which the next collection (at start, say) removes.
 */
public final class BlobCollector {

    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

    private final ImageMetadataStore metadata;
    private final ContentStore content;
    private int leases;
    private boolean collecting;
    private boolean pending;

    public BlobCollector(ImageMetadataStore metadata, ContentStore content) {
        this.metadata = metadata;
        this.content = content;
    }

    /** Held while blobs are written that no image references yet; close it when done. */
    public Lease lease() {
        synchronized (this) {
            while (collecting) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for a blob collection", e);
                }
            }
            leases++;
        }
        return new Lease();
    }

    /**
     * Collects now, or as soon as no lease is held.
     *
     * @return the bytes freed now (0 when the collection was deferred)
     */
    public long collect() {
        synchronized (this) {
            if (leases > 0 || collecting) {
                pending = true;
                return 0;
            }
            collecting = true;
            pending = false;
        }
        try {
            return sweep();
        } finally {
            synchronized (this) {
                collecting = false;
                notifyAll();
            }
        }
    }

    private long sweep() {
        Set<Digest> live = LiveBlobs.of(metadata.all(), content);
        long freed = 0;
        int removed = 0;
        for (BlobInfo blob : content.list()) {
            if (!live.contains(blob.digest())) {
                freed += content.delete(blob.digest());
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("collected {} unreferenced blobs, {} bytes", removed, freed);
        }
        return freed;
    }

    private void release() {
        boolean runPending;
        synchronized (this) {
            leases--;
            runPending = leases == 0 && pending;
        }
        if (runPending) {
            collect();
        }
    }

    /** Keeps collections away while held. */
    public final class Lease implements AutoCloseable {
        private boolean closed;

        private Lease() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release();
            }
        }
    }
}

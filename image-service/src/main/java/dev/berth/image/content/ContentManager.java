package dev.berth.image.content;

import java.util.List;

import dev.berth.common.digest.Digest;

/** Lists and removes committed blobs: what a garbage collector needs, and only it. */
public interface ContentManager {

    /** Every committed blob. */
    List<BlobInfo> list();

    /**
     * Removes a blob; readers that already opened it keep reading it.
     *
     * @return the bytes freed, 0 when the store did not hold it
     */
    long delete(Digest digest);
}

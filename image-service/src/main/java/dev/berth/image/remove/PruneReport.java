package dev.berth.image.remove;

import java.util.List;

/** What a prune removed, and the bytes of the layers it freed (uncompressed, as Docker counts). */
public record PruneReport(List<DeleteItem> deleted, long spaceReclaimed) {

    public PruneReport {
        deleted = List.copyOf(deleted);
    }
}

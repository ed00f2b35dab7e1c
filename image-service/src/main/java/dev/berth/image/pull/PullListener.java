package dev.berth.image.pull;

import java.util.List;

import dev.berth.common.digest.Digest;
import dev.berth.image.registry.Descriptor;

/**
 * Receives a pull's progress as it happens. Layer events come from download threads, several at
 * once: implementations must be thread-safe. They must not throw; a listener whose client went
 * away simply drops events (the pull finishes anyway, so its downloads are not wasted).
 */
public interface PullListener {

    /** The manifest is known: Docker's {@code <tag>: Pulling from <path>}. */
    void started(String repositoryPath, String tagOrDigest);

    /**
     * The image's layers, bottom first, with their diff ids, before any downloads: a node can
     * then unpack each as it arrives. Not called when the image is already recorded.
     */
    default void layers(List<Descriptor> layers, List<Digest> diffIds) {
    }

    /** @param current bytes done, for DOWNLOADING and EXTRACTING; 0 otherwise
     *  @param total   bytes in all, for DOWNLOADING and EXTRACTING; 0 otherwise */
    void layer(Digest layer, LayerPhase phase, long current, long total);

    PullListener NONE = new PullListener() {
        @Override
        public void started(String repositoryPath, String tagOrDigest) {
        }

        @Override
        public void layer(Digest layer, LayerPhase phase, long current, long total) {
        }
    };
}

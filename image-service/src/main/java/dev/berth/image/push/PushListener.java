package dev.berth.image.push;

import dev.berth.common.digest.Digest;

/** Receives a push's progress as it happens; must not throw. */
public interface PushListener {

    /** The image is known locally: Docker's {@code The push refers to repository [...]}. */
    void started(String repository);

    /**
     * @param diffId      names the layer, as Docker does
     * @param mountedFrom the repository path a MOUNTED layer came from, else empty
     */
    void layer(Digest diffId, PushPhase phase, long current, long total, String mountedFrom);

    /** One tag is pushed: {@code TAG: digest: sha256:... size: N}. */
    void tagPushed(String tag, Digest manifestDigest, long size);

    PushListener NONE = new PushListener() {
        @Override
        public void started(String repository) {
        }

        @Override
        public void layer(Digest diffId, PushPhase phase, long current, long total, String mountedFrom) {
        }

        @Override
        public void tagPushed(String tag, Digest manifestDigest, long size) {
        }
    };
}

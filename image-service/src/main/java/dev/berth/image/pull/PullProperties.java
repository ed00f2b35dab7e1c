package dev.berth.image.pull;

/**
 * Pull settings, {@code berth.image.pull.*}.
 *
 * @param maxConcurrentDownloads layer downloads running at once across all pulls, like dockerd's
 *                               {@code max-concurrent-downloads} (default 3)
 */
public record PullProperties(int maxConcurrentDownloads) {

    public PullProperties {
        maxConcurrentDownloads = maxConcurrentDownloads <= 0 ? 3 : maxConcurrentDownloads;
    }

    public static PullProperties defaults() {
        return new PullProperties(0);
    }
}

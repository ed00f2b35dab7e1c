package dev.berth.image.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.berth.common.digest.Digest;

/**
 * What the metadata store keeps per image. The image config itself is a blob in the content store.
 *
 * @param id           the image id, the digest of the config
 * @param configDigest the config blob
 * @param layers       bottom layer first
 * @param size         sum of the uncompressed layer sizes
 * @param repoDigests  {@code domain/path@sha256:<manifest digest>} of every repository the image was
 *                     pulled from, in full form (Docker shows them familiar); empty for imports
 * @param builtManifest the manifest Berth generated to push an image that came from no registry
 *                      (kept so that every push of it is identical), or {@code null}
 * @param parent       the image a commit or build step made this one on (Docker's Parent), or {@code null}
 * @param cacheKey     the build step that made it, as the builder's cache knows it, or {@code null}:
 *                     a build finds it again by parent and key
 */
public record ImageRecord(Digest id, Digest configDigest, List<LayerRecord> layers, Instant created, long size,
        List<String> repoDigests, Digest builtManifest, Digest parent, String cacheKey) {

    public ImageRecord {
        layers = List.copyOf(layers);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
    }

    public ImageRecord(Digest id, Digest configDigest, List<LayerRecord> layers, Instant created, long size,
            List<String> repoDigests, Digest builtManifest) {
        this(id, configDigest, layers, created, size, repoDigests, builtManifest, null, null);
    }

    public ImageRecord(Digest id, Digest configDigest, List<LayerRecord> layers, Instant created, long size,
            List<String> repoDigests) {
        this(id, configDigest, layers, created, size, repoDigests, null);
    }

    /** An image that came from no registry (an import). */
    public ImageRecord(Digest id, Digest configDigest, List<LayerRecord> layers, Instant created, long size) {
        this(id, configDigest, layers, created, size, List.of());
    }

    /** This record with {@code repoDigest} added, unless it is there already. */
    public ImageRecord withRepoDigest(String repoDigest) {
        Objects.requireNonNull(repoDigest, "repoDigest");
        if (repoDigests.contains(repoDigest)) {
            return this;
        }
        List<String> merged = new java.util.ArrayList<>(repoDigests);
        merged.add(repoDigest);
        return new ImageRecord(id, configDigest, layers, created, size, merged, builtManifest, parent, cacheKey);
    }

    /** This record without {@code repoDigest}. */
    public ImageRecord withoutRepoDigest(String repoDigest) {
        List<String> kept = repoDigests.stream().filter(d -> !d.equals(repoDigest)).toList();
        return new ImageRecord(id, configDigest, layers, created, size, kept, builtManifest, parent, cacheKey);
    }

    public ImageRecord withBuiltManifest(Digest manifest) {
        return new ImageRecord(id, configDigest, layers, created, size, repoDigests, manifest, parent, cacheKey);
    }

    /** Made by a commit or build step on {@code newParent}; {@code newCacheKey} for the builder's cache. */
    public ImageRecord withOrigin(Digest newParent, String newCacheKey) {
        return new ImageRecord(id, configDigest, layers, created, size, repoDigests, builtManifest, newParent, newCacheKey);
    }
}

package dev.berth.image.registry;

import java.util.Optional;

/**
 * The outcome of resolving a reference for one platform: the image manifest, and the index it was
 * chosen from when the reference named a multi-platform image.
 */
public record ResolvedImage(FetchedManifest manifest, ImageManifest image, Optional<FetchedManifest> index) {
}

package dev.berth.image.push;

import dev.berth.common.digest.Digest;
import dev.berth.image.registry.ImageManifest;

/** A manifest ready to push: its exact bytes (which its digest covers) and what they say. */
record PushableManifest(Digest digest, String mediaType, byte[] bytes, ImageManifest document) {
}

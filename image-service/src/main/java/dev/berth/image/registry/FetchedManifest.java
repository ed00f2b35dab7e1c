package dev.berth.image.registry;

import dev.berth.common.digest.Digest;

/**
 * A manifest as the registry sent it: the raw bytes (what the digest covers and what must be
 * stored, since re-serialising would change the digest), their digest and the parsed form.
 */
public record FetchedManifest(Digest digest, byte[] bytes, ManifestDocument document) {

    public String mediaType() {
        return document.mediaType();
    }

    /** The descriptor a parent index or a tag would point at. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType(), digest, bytes.length);
    }
}

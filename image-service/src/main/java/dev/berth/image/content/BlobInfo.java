package dev.berth.image.content;

import dev.berth.common.digest.Digest;

/** What the store knows about a committed blob. */
public record BlobInfo(Digest digest, long size) {
}

package dev.berth.image.content;

/** What the store knows about a committed blob. */
public record BlobInfo(Digest digest, long size) {
}

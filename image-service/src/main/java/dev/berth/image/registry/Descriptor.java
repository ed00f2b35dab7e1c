package dev.berth.image.registry;

import java.util.List;
import java.util.Objects;

import dev.berth.common.digest.Digest;

/**
 * A pointer to content: its media type, digest and size, plus the optional {@code urls} of foreign
 * layers and the {@code platform} of an index entry ({@code null} when absent).
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls, Platform platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor size must not be negative: " + size);
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, List.of(), null);
    }
}

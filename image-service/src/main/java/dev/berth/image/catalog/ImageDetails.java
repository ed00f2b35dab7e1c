package dev.berth.image.catalog;

import java.util.List;

import dev.berth.image.reference.ImageReference;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.store.ImageRecord;

/** An image as callers see it: its record, its config document and the tags pointing at it. */
public record ImageDetails(ImageRecord record, ImageConfigDocument config, List<ImageReference> tags) {

    public ImageDetails {
        tags = List.copyOf(tags);
    }

    /** Tags as Docker shows them in RepoTags, e.g. {@code bb:1}. */
    public List<String> repoTags() {
        return tags.stream().map(ImageReference::familiarString).toList();
    }

    /** Repo digests as Docker shows them, e.g. {@code busybox@sha256:...}. */
    public List<String> repoDigests() {
        return record.repoDigests().stream().map(d -> ImageReference.parse(d).familiarString()).toList();
    }
}

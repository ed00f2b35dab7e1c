package dev.berth.image.registry;

import java.util.List;

/** A Docker manifest list or OCI index: one manifest per platform. */
public record ImageIndex(String mediaType, List<Descriptor> manifests) implements ManifestDocument {

    public ImageIndex {
        manifests = List.copyOf(manifests);
    }
}

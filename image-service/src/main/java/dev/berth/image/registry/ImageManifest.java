package dev.berth.image.registry;

import java.util.List;

/** A Docker schema 2 or OCI image manifest: the config blob and the layers, base layer first. */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers)
        implements ManifestDocument {

    public ImageManifest {
        layers = List.copyOf(layers);
    }
}

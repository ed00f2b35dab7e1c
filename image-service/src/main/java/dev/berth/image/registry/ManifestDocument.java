package dev.berth.image.registry;

/** A parsed manifest: either one image ({@link ImageManifest}) or a list of them ({@link ImageIndex}). */
public sealed interface ManifestDocument permits ImageManifest, ImageIndex {

    String mediaType();
}

package dev.berth.image.registry;

/** Chooses the manifest for one platform out of an index. */
final class PlatformSelector {

    private PlatformSelector() {
    }

    /** @throws RegistryNotFoundException naming the wanted platform when no entry matches */
    static Descriptor select(ImageIndex index, Platform wanted) {
        for (Descriptor entry : index.manifests()) {
            if (wanted.equals(entry.platform()) && MediaTypes.isImageManifest(entry.mediaType())) {
                return entry;
            }
        }
        throw new RegistryNotFoundException("no matching manifest for " + wanted + " in the manifest list entries");
    }
}

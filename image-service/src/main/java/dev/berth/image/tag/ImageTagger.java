package dev.berth.image.tag;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;

/**
 * {@code docker tag SOURCE REPO[:TAG]}: points the tag at the image the source names. The image the
 * tag named before keeps its other references, or becomes dangling; it is not deleted.
 */
public final class ImageTagger {

    private final ImageCatalog catalog;
    private final ImageMetadataStore metadata;

    public ImageTagger(ImageCatalog catalog, ImageMetadataStore metadata) {
        this.catalog = catalog;
        this.metadata = metadata;
    }

    /**
     * @return the image id
     * @throws BerthException INVALID_ARGUMENT for a bad repo or tag (checked first, as dockerd
     *         does); NOT_FOUND "No such image: ..."
     */
    public Digest tag(String source, String repo, String tag) {
        ImageReference target = target(repo, tag);
        Digest id = catalog.resolve(source).record().id();
        if (!metadata.tag(id, target)) {
            throw BerthException.notFound("No such image: " + source);
        }
        return id;
    }

    static ImageReference target(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            throw BerthException.invalid("repository name must have at least one component");
        }
        ImageReference parsed = ImageReference.parse(repo);
        if (parsed.digest().isPresent()) {
            throw BerthException.invalid("refusing to create a tag with a digest reference");
        }
        ImageReference target = ImageReference.parseWithTag(repo, tag).withDefaultTag();
        if (target.familiarName().equals(Digest.ALGORITHM)) {
            throw BerthException.invalid("refusing to create an ambiguous tag using digest algorithm as name");
        }
        return target;
    }
}

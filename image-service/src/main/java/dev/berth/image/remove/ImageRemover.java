package dev.berth.image.remove;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.remove.DeleteConflicts.Conflict;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

/**
 * {@code docker rmi}, following dockerd's ImageDelete. A name removes that reference; the image
 * itself goes only once nothing names it (a tag's repo digests go with the repository's last tag).
 * An id deletes the image, untagging it first when all its references are of one repository with
 * at most one tag. The blobs a deleted image leaves unneeded are collected.
 */
public final class ImageRemover {

    private static final String ID_PREFIX = Digest.ALGORITHM + ":";

    private final ImageCatalog catalog;
    private final ImageMetadataStore metadata;
    private final BlobCollector collector;

    public ImageRemover(ImageCatalog catalog, ImageMetadataStore metadata, BlobCollector collector) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.collector = collector;
    }

    /**
     * @param users the containers (any state) that use the image {@code refOrId} names
     * @throws dev.berth.common.error.BerthException NOT_FOUND "No such image: ..."; FAILED_PRECONDITION
     *         with Docker's "conflict: ..." message
     */
    public List<DeleteItem> remove(String refOrId, boolean force, List<ImageUse> users) {
        Digest id = catalog.resolve(refOrId).record().id();
        List<DeleteItem> items = new ArrayList<>();
        List<ImageReference> references = references(id);
        boolean quiet = false;
        if (!isIdPrefix(id, refOrId)) {
            if (!force && isSingleReference(references) && !users.isEmpty()) {
                // untagging would leave the container's image dangling: Docker asks for force
                throw containerUsesReference(refOrId, users.get(0), id);
            }
            ImageReference named = ImageReference.parse(refOrId).withDefaultTag();
            removeReference(id, named);
            items.add(DeleteItem.untagged(named.familiarString()));
            if (named.digest().isEmpty()) {
                untagDigestsOfRepositoryWithoutTags(id, named, items);
            }
            if (!references(id).isEmpty()) {
                return items;
            }
            quiet = true;
        } else if (isSingleReference(references)) {
            Optional<Conflict> conflict = DeleteConflicts.find(id, users, !force, false, false);
            if (conflict.isPresent()) {
                throw conflict.get().error();
            }
            for (ImageReference reference : references) {
                removeReference(id, reference);
                items.add(DeleteItem.untagged(reference.familiarString()));
            }
        }
        delete(id, force, users, quiet, items);
        return items;
    }

    private void delete(Digest id, boolean force, List<ImageUse> users, boolean quiet, List<DeleteItem> items) {
        Optional<Conflict> conflict = DeleteConflicts.find(id, users, !force, true, !references(id).isEmpty());
        if (conflict.isPresent()) {
            boolean dangling = references(id).isEmpty();
            if (quiet && (!dangling || conflict.get().usedByContainer())) {
                return; // untagged as asked; the image stays for the container that uses it
            }
            throw conflict.get().error();
        }
        Optional<ImageRecord> record = metadata.get(id);
        if (record.isEmpty()) {
            return;
        }
        metadata.delete(id).forEach(tag -> items.add(DeleteItem.untagged(tag.familiarString())));
        record.get().repoDigests().forEach(d -> items.add(DeleteItem.untagged(ImageReference.parse(d).familiarString())));
        items.add(DeleteItem.deleted(id.toString()));
        freedLayers(record.get()).forEach(chainId -> items.add(DeleteItem.deleted(chainId.toString())));
        collector.collect();
    }

    /** Chain ids of the image's layers no remaining image has, top layer first as Docker lists them. */
    private List<Digest> freedLayers(ImageRecord deleted) {
        Set<Digest> kept = new HashSet<>();
        metadata.all().forEach(image -> kept.addAll(ChainIds.of(image)));
        List<Digest> freed = new ArrayList<>(ChainIds.of(deleted));
        freed.removeIf(kept::contains);
        Collections.reverse(freed);
        return freed;
    }

    /** Once a repository's last tag is gone, its digest references go too (Docker's rule). */
    private void untagDigestsOfRepositoryWithoutTags(Digest id, ImageReference untagged, List<DeleteItem> items) {
        List<ImageReference> remaining = references(id);
        boolean tagLeft = remaining.stream()
                .anyMatch(r -> r.digest().isEmpty() && r.name().equals(untagged.name()));
        if (tagLeft) {
            return;
        }
        for (ImageReference reference : remaining) {
            if (reference.digest().isPresent() && reference.name().equals(untagged.name())) {
                removeReference(id, reference);
                items.add(DeleteItem.untagged(reference.familiarString()));
            }
        }
    }

    private void removeReference(Digest id, ImageReference reference) {
        if (reference.digest().isPresent()) {
            metadata.get(id).ifPresent(image -> metadata.update(image.withoutRepoDigest(reference.toString())));
        } else {
            metadata.untag(reference);
        }
    }

    /** Tags first, then repo digests, as the image's references. */
    private List<ImageReference> references(Digest id) {
        List<ImageReference> references = new ArrayList<>(metadata.tagsOf(id));
        metadata.get(id).ifPresent(image -> image.repoDigests().stream().map(ImageReference::parse)
                .forEach(references::add));
        return references;
    }

    /** Docker's isSingleReference: one repository, at most one tag (digest references aside). */
    static boolean isSingleReference(List<ImageReference> references) {
        if (references.size() <= 1) {
            return references.size() == 1;
        }
        ImageReference single = null;
        Set<String> digestRepositories = new HashSet<>();
        for (ImageReference reference : references) {
            if (reference.digest().isPresent()) {
                digestRepositories.add(reference.name());
            } else if (single == null) {
                single = reference;
            } else {
                return false;
            }
        }
        if (single == null) {
            single = references.get(0);
        }
        return digestRepositories.size() == 1 && digestRepositories.contains(single.name());
    }

    private static boolean isIdPrefix(Digest id, String refOrId) {
        String hex = refOrId.startsWith(ID_PREFIX) ? refOrId.substring(ID_PREFIX.length()) : refOrId;
        return !hex.isEmpty() && id.hex().startsWith(hex);
    }

    private static BerthException containerUsesReference(String reference, ImageUse user, Digest id) {
        return BerthException.precondition("conflict: unable to remove repository reference \""
                + reference + "\" (must force) - container " + DeleteConflicts.shortId(user.containerId())
                + " is using its referenced image " + DeleteConflicts.shortId(id));
    }
}

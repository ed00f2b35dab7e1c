package dev.berth.image.remove;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageDetails;
import dev.berth.image.catalog.ImageFilters;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

/**
 * {@code docker image prune}, as dockerd's ImagesPrune: untagged images, or with
 * {@code dangling=false} every image no container uses, each removed through {@link ImageRemover}
 * without force (an image a container uses is skipped by its conflict).
 */
public final class ImagePruner {

    private final ImageCatalog catalog;
    private final ImageRemover remover;
    private final ImageMetadataStore metadata;

    public ImagePruner(ImageCatalog catalog, ImageRemover remover, ImageMetadataStore metadata) {
        this.catalog = catalog;
        this.remover = remover;
        this.metadata = metadata;
    }

    /** @param usedImageIds every image id some container uses, in any state */
    public PruneReport prune(Map<String, List<String>> filterValues, Set<Digest> usedImageIds) {
        PruneFilters filters = PruneFilters.of(filterValues);
        Map<Digest, Long> layerSizes = new HashMap<>();
        List<DeleteItem> deleted = new ArrayList<>();
        List<ImageDetails> images = catalog.list(ImageFilters.none());
        Set<Digest> parents = parents(images);
        for (ImageDetails image : images) {
            ImageRecord record = image.record();
            recordSizes(record, layerSizes);
            boolean tagged = !image.tags().isEmpty();
            // an untagged image another one was made on is an intermediate image (a build's), not dangling
            boolean dangling = !tagged && !parents.contains(record.id());
            if ((filters.danglingOnly() && !dangling) || !filters.matchesLabels(labels(image))) {
                continue;
            }
            List<ImageUse> users = usedImageIds.contains(record.id())
                    ? List.of(new ImageUse("", false)) : List.of();
            deleted.addAll(removeAll(image, users));
        }
        long reclaimed = deleted.stream().filter(item -> item.deleted() != null)
                .mapToLong(item -> layerSizes.getOrDefault(Digest.parse(item.deleted()), 0L)).sum();
        return new PruneReport(deleted, reclaimed);
    }

    /**
     * docker builder prune: removes the build cache's step images that are untagged, unused and
     * intermediate (another image was made on them; one without, an untagged build's result, is an
     * image docker images shows, left to docker image prune);
     * with {@code all}, the tagged and used step images are kept but are no longer found as cache.
     * The report names the step images removed (the cache's entries), not the layers they freed.
     */
    public PruneReport pruneBuildCache(boolean all, Set<Digest> usedImageIds) {
        Map<Digest, Long> layerSizes = new HashMap<>();
        List<DeleteItem> deleted = new ArrayList<>();
        List<DeleteItem> entries = new ArrayList<>();
        List<ImageDetails> images = catalog.list(ImageFilters.none());
        Set<Digest> parents = parents(images);
        for (ImageDetails image : images) {
            ImageRecord record = image.record();
            recordSizes(record, layerSizes);
            if (record.cacheKey() == null) {
                continue;
            }
            if (image.tags().isEmpty() && !usedImageIds.contains(record.id()) && parents.contains(record.id())) {
                List<DeleteItem> removed = removeAll(image, List.of());
                deleted.addAll(removed);
                if (removed.stream().anyMatch(item -> record.id().toString().equals(item.deleted()))) {
                    entries.add(DeleteItem.deleted(record.id().toString()));
                }
            } else if (all) {
                metadata.update(record.withOrigin(record.parent(), null));
            }
        }
        long reclaimed = deleted.stream().filter(item -> item.deleted() != null)
                .mapToLong(item -> layerSizes.getOrDefault(Digest.parse(item.deleted()), 0L)).sum();
        return new PruneReport(entries, reclaimed);
    }

    private static void recordSizes(ImageRecord record, Map<Digest, Long> layerSizes) {
        List<Digest> chain = ChainIds.of(record);
        for (int i = 0; i < chain.size(); i++) {
            layerSizes.put(chain.get(i), record.layers().get(i).uncompressedSize());
        }
    }

    private static Set<Digest> parents(List<ImageDetails> images) {
        Set<Digest> parents = new HashSet<>();
        images.forEach(image -> {
            if (image.record().parent() != null) {
                parents.add(image.record().parent());
            }
        });
        return parents;
    }

    /** By each reference (dangling: by id), so repo digests and tags are reported as Docker does. */
    private List<DeleteItem> removeAll(ImageDetails image, List<ImageUse> users) {
        List<String> names = new ArrayList<>();
        image.tags().forEach(tag -> names.add(tag.toString()));
        image.record().repoDigests().forEach(names::add);
        if (image.tags().isEmpty()) {
            names.clear();
            names.add(image.record().id().hex());
        }
        List<DeleteItem> deleted = new ArrayList<>();
        for (String name : names) {
            try {
                deleted.addAll(remover.remove(name, false, users));
            } catch (BerthException e) {
                if (e.kind() != BerthException.Kind.FAILED_PRECONDITION && e.kind() != BerthException.Kind.NOT_FOUND) {
                    throw e;
                }
                // in use, or already gone with an earlier reference: Docker skips it too
            }
        }
        return deleted;
    }

    private static Map<String, String> labels(ImageDetails image) {
        return image.config().config() == null ? null : image.config().config().labels();
    }
}

package dev.berth.image.remove;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageDetails;
import dev.berth.image.catalog.ImageFilters;
import dev.berth.image.store.ImageRecord;

/**
 * {@code docker image prune}, as dockerd's ImagesPrune: untagged images, or with
 * {@code dangling=false} every image no container uses, each removed through {@link ImageRemover}
 * without force (an image a container uses is skipped by its conflict).
 */
public final class ImagePruner {

    private final ImageCatalog catalog;
    private final ImageRemover remover;

    public ImagePruner(ImageCatalog catalog, ImageRemover remover) {
        this.catalog = catalog;
        this.remover = remover;
    }

    /** @param usedImageIds every image id some container uses, in any state */
    public PruneReport prune(Map<String, List<String>> filterValues, Set<Digest> usedImageIds) {
        PruneFilters filters = PruneFilters.of(filterValues);
        Map<Digest, Long> layerSizes = new HashMap<>();
        List<DeleteItem> deleted = new ArrayList<>();
        for (ImageDetails image : catalog.list(ImageFilters.none())) {
            ImageRecord record = image.record();
            List<Digest> chain = ChainIds.of(record);
            for (int i = 0; i < chain.size(); i++) {
                layerSizes.put(chain.get(i), record.layers().get(i).uncompressedSize());
            }
            boolean tagged = !image.tags().isEmpty();
            if ((filters.danglingOnly() && tagged) || !filters.matchesLabels(labels(image))) {
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

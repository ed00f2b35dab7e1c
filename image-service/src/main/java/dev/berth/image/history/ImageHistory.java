package dev.berth.image.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.berth.common.error.BerthException;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageDetails;
import dev.berth.image.spec.HistoryEntry;
import dev.berth.image.store.LayerRecord;

/**
 * An image's history as dockerd shows it: the config's entries newest first, each non-empty one
 * sized by its layer (uncompressed), the top one named by the image id and tags, the ones below
 * {@code <missing>} (their intermediate images were never pulled).
 */
public final class ImageHistory {

    static final String MISSING = "<missing>";

    private final ImageCatalog catalog;

    public ImageHistory(ImageCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws BerthException NOT_FOUND for an unknown image; INTERNAL when the config's history
     *         names more layers than it has
     */
    public List<HistoryStep> of(String refOrId) {
        ImageDetails image = catalog.resolve(refOrId);
        List<HistoryEntry> entries = image.config().history() == null ? List.of() : image.config().history();
        List<LayerRecord> layers = image.record().layers();
        List<HistoryStep> steps = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry entry : entries) {
            long size = 0;
            if (!entry.makesNoLayer()) {
                if (layer >= layers.size()) {
                    throw BerthException.internal("too many non-empty layers in History section");
                }
                size = layers.get(layer++).uncompressedSize();
            }
            steps.add(new HistoryStep(MISSING, created(entry.created()), orEmpty(entry.createdBy()), List.of(), size,
                    orEmpty(entry.comment())));
        }
        Collections.reverse(steps);
        if (!steps.isEmpty()) {
            HistoryStep top = steps.get(0);
            steps.set(0, new HistoryStep(image.record().id().toString(), top.created(), top.createdBy(),
                    image.repoTags(), top.size(), top.comment()));
        }
        return steps;
    }

    private static Instant created(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

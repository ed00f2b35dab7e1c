package dev.berth.image.archive;

import java.util.List;

import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageRecord;

/** An image to save and the tags it is saved under (none when named by id). */
record SavedImage(ImageRecord record, List<ImageReference> tags) {

    SavedImage {
        tags = List.copyOf(tags);
    }
}

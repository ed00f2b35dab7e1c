package dev.berth.image.archive;

import java.util.List;

import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageRecord;

/** An image an archive held, verified and ready to record, with the tags it came with. */
record LoadedImage(ImageRecord record, List<ImageReference> tags) {

    LoadedImage {
        tags = List.copyOf(tags);
    }
}

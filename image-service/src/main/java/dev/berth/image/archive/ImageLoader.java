package dev.berth.image.archive;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.image.content.ContentStore;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;

/**
 * {@code docker load}: reads the archive (its blobs into the store, verified), works out and checks
 * every image, and only then records them all with their tags. A refused archive records nothing;
 * the blobs it brought are collected.
 */
public final class ImageLoader {

    private final ImageMetadataStore metadata;
    private final BlobCollector collector;
    private final ArchiveReader reader;
    private final ArchiveImages images;

    public ImageLoader(ContentStore content, ImageMetadataStore metadata, BlobCollector collector) {
        this.metadata = metadata;
        this.collector = collector;
        this.reader = new ArchiveReader(content);
        this.images = new ArchiveImages(content);
    }

    /**
     * @return Docker's lines: {@code Loaded image: REF} per tag, {@code Loaded image ID: sha256:...}
     *         for an image without one
     * @throws dev.berth.common.error.BerthException INVALID_ARGUMENT "invalid archive: ..."
     */
    public List<String> load(InputStream archive) {
        List<LoadedImage> loaded;
        try (BlobCollector.Lease lease = collector.lease()) {
            loaded = images.of(reader.read(archive));
            List<String> messages = new ArrayList<>();
            for (LoadedImage image : loaded) {
                if (metadata.get(image.record().id()).isEmpty()) {
                    metadata.save(image.record(), Optional.empty()); // a known image keeps its repo digests
                }
                for (ImageReference tag : image.tags()) {
                    metadata.tag(image.record().id(), tag);
                    messages.add("Loaded image: " + tag.familiarString());
                }
                if (image.tags().isEmpty()) {
                    messages.add("Loaded image ID: " + image.record().id());
                }
            }
            return messages;
        } catch (RuntimeException e) {
            collector.collect(); // what the refused archive brought is garbage now
            throw e;
        }
    }
}

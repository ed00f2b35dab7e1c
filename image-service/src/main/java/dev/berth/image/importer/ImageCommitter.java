package dev.berth.image.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.berth.common.digest.Digest;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageDetails;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.Ingester;
import dev.berth.image.spec.HistoryEntry;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.spec.RootFs;
import dev.berth.image.spec.RunConfig;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * {@code docker commit} and the builder's steps: a new image on top of a parent (or of nothing),
 * with one more layer, stored uncompressed (its digest is its diff id), or none for a step that
 * only changed the config. The parent's platform, layers and history carry over. Bad changes, an
 * unknown parent or a non-tar layer fail before the image is recorded; it is recorded only once its
 * blobs are stored.
 */
public final class ImageCommitter {

    private final Ingester content;
    private final ImageMetadataStore store;
    private final ImageCatalog catalog;
    private final Clock clock;

    public ImageCommitter(Ingester content, ImageMetadataStore store, ImageCatalog catalog, Clock clock) {
        this.content = content;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** {@code layerTar} is read to its end unless the step has no layer; the caller closes it. */
    public ImageRecord commit(CommitOptions options, InputStream layerTar) {
        ChangeInstructions changes = ChangeInstructions.parse(options.changes());
        ImageDetails parent = options.parent().isEmpty() ? null : catalog.resolve(options.parent());
        Platform platform = parent == null ? Platform.host()
                : new Platform(orEmpty(parent.config().os(), "linux"), orEmpty(parent.config().architecture(),
                        Platform.host().architecture()), orEmpty(parent.config().variant(), ""));

        List<LayerRecord> layers = new ArrayList<>(parent == null ? List.of() : parent.record().layers());
        List<String> diffIds = new ArrayList<>();
        List<HistoryEntry> history = new ArrayList<>();
        if (parent != null) {
            if (parent.config().rootfs() != null && parent.config().rootfs().diffIds() != null) {
                diffIds.addAll(parent.config().rootfs().diffIds());
            }
            if (parent.config().history() != null) {
                history.addAll(parent.config().history());
            }
        }
        long size = parent == null ? 0 : parent.record().size();
        if (!options.emptyLayer()) {
            BlobInfo layer = storeLayer(layerTar);
            layers.add(new LayerRecord(layer.digest(), layer.digest(), layer.size(), LayerRecord.OCI_LAYER_TAR));
            diffIds.add(layer.digest().toString());
            size += layer.size();
        }
        Instant created = clock.instant();
        RunConfig runConfig = changes.applyTo(options.config());
        history.add(new HistoryEntry(created.toString(), options.createdBy(), options.comment(),
                options.emptyLayer() ? Boolean.TRUE : null));
        ImageConfigDocument document = new ImageConfigDocument(platform.architecture(), platform.variant(),
                platform.os(), created.toString(), options.author(), options.comment(), runConfig,
                RootFs.layers(diffIds), history);
        BlobInfo config = storeConfig(ImageConfigCodec.encode(document));
        ImageRecord image = new ImageRecord(config.digest(), config.digest(), layers, created, size)
                .withOrigin(parent == null ? null : parent.record().id(),
                        options.cacheKey().isEmpty() ? null : options.cacheKey());
        store.save(image, options.tag());
        return image;
    }

    /** The image a build step made before on {@code parent} (empty: none) under {@code cacheKey}, if it is still there. */
    public java.util.Optional<ImageRecord> cached(String parent, String cacheKey) {
        // the builder names parents by their full id: no need to read the parent's config to know it
        boolean fullId = parent.startsWith("sha256:") && Digest.isHex(parent.substring("sha256:".length()));
        Digest parentId = parent.isEmpty() ? null
                : fullId ? Digest.parse(parent) : catalog.resolve(parent).record().id();
        return store.findCached(parentId, cacheKey);
    }

    private BlobInfo storeLayer(InputStream tarball) {
        try (ContentWriter writer = content.writer()) {
            TarLayerCopier.copy(tarball, writer.stream());
            return writer.commit(-1, null);
        }
    }

    private BlobInfo storeConfig(byte[] json) {
        try (ContentWriter writer = content.writer()) {
            writer.stream().write(json);
            return writer.commit(json.length, Digest.of(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String orEmpty(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}

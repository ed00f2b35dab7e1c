package dev.berth.image.importer;

import dev.berth.common.compress.Decompression;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentWriter;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.Ingester;
import dev.berth.common.error.BerthException;
import dev.berth.image.spec.HistoryEntry;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.spec.RootFs;
import dev.berth.image.spec.RunConfig;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * {@code docker import}: a tarball becomes a one-layer image. The layer is stored uncompressed
 * (its digest is its diff id), the config is built from the changes, and only when both blobs are
 * committed is the image recorded and tagged. Bad input (reference, change, platform, non-tar)
 * fails before anything is recorded; a refused tarball leaves no blob either.
 */
public final class ImageImporter {

    private final Ingester content;
    private final ImageMetadataStore store;
    private final Clock clock;

    public ImageImporter(Ingester content, ImageMetadataStore store, Clock clock) {
        this.content = content;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Imports {@code tarball} (plain, gzip, bzip2, xz or zstd). The caller closes the stream.
     *
     * @return the stored image
     * @throws BerthException for a non-tar input or a bad change or platform
     */
    public ImageRecord importImage(ImportOptions options, InputStream tarball) {
        ChangeInstructions changes = ChangeInstructions.parse(options.changes());
        Platform platform = Platform.parse(options.platform());

        BlobInfo layer = storeLayer(tarball);
        Instant created = clock.instant();
        String comment = options.message().isEmpty() ? "Imported from -" : options.message();
        RunConfig runConfig = changes.applyTo(RunConfig.empty());
        ImageConfigDocument document = new ImageConfigDocument(platform.architecture(), platform.variant(),
                platform.os(), created.toString(), null, comment, runConfig,
                RootFs.layers(List.of(layer.digest().toString())),
                List.of(new HistoryEntry(created.toString(), null, comment)));
        BlobInfo config = storeConfig(ImageConfigCodec.encode(document));

        LayerRecord layerRecord = new LayerRecord(layer.digest(), layer.digest(), layer.size(), LayerRecord.OCI_LAYER_TAR);
        ImageRecord image = new ImageRecord(config.digest(), config.digest(), List.of(layerRecord), created, layer.size());
        store.save(image, options.tag());
        return image;
    }

    private BlobInfo storeLayer(InputStream tarball) {
        try (ContentWriter writer = content.writer()) {
            try (InputStream layer = Decompression.decompressed(nonClosing(tarball))) {
                TarLayerCopier.copy(layer, writer.stream());
            } catch (IOException e) {
                throw BerthException.invalid(TarLayerCopier.INVALID_TAR, e);
            }
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

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the tarball stream
            }
        };
    }
}

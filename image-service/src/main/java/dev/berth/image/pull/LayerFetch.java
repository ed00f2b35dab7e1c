package dev.berth.image.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.RegistryCredentials;

/**
 * One layer into the content store, its digest verified by the registry stream as it is read. When
 * asked to measure, the blob is also decompressed on the same pass, for its diff id. The ingest is
 * committed only when the digest holds, so a bad layer leaves nothing behind; while it runs, the
 * content store lets readers follow it (a node unpacking the layer as it arrives). A blob the store
 * already has (from an earlier pull that failed later, say) is not downloaded again.
 */
final class LayerFetch {

    private static final int BUFFER = 64 * 1024;

    private final LayerSource source;
    private final ContentStore content;

    LayerFetch(LayerSource source, ContentStore content) {
        this.source = source;
        this.content = content;
    }

    StoredLayer fetch(ImageReference repository, Descriptor layer, RegistryCredentials credentials,
            PullListener listener, boolean measure) {
        if (content.info(layer.digest()).isPresent()) {
            Optional<UncompressedDigest> tar = measure ? Optional.of(measureStored(content, layer.digest())) : Optional.empty();
            listener.layer(layer.digest(), LayerPhase.DOWNLOAD_COMPLETE, 0, 0);
            return new StoredLayer(layer.digest(), layer.size(), tar);
        }
        ProgressThrottle throttle = new ProgressThrottle(layer.size());
        try (InputStream blob = source.open(repository, layer, credentials);
                ContentWriter writer = content.writer(layer.digest())) {
            // the ingest can be followed from now on: the caller's cue to start unpacking
            listener.layer(layer.digest(), LayerPhase.DOWNLOADING, 0, layer.size());
            CopyingInputStream download = new CopyingInputStream(blob, writer.stream(), current -> {
                if (throttle.shouldReport(current)) {
                    listener.layer(layer.digest(), LayerPhase.DOWNLOADING, current, layer.size());
                }
            });
            Optional<UncompressedDigest> tar = measure ? Optional.of(decompress(download, layer)) : Optional.empty();
            download.drain(BUFFER);
            listener.layer(layer.digest(), LayerPhase.DOWNLOADING, download.count(), layer.size());
            listener.layer(layer.digest(), LayerPhase.VERIFYING_CHECKSUM, 0, 0);
            BlobInfo stored = writer.commit(layer.size(), layer.digest());
            listener.layer(layer.digest(), LayerPhase.DOWNLOAD_COMPLETE, 0, 0);
            return new StoredLayer(stored.digest(), stored.size(), tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A blob that does not decompress may simply be corrupt: reading it to its end lets the
     * registry stream's digest check name it, which says more than the decompressor's complaint.
     */
    private static UncompressedDigest decompress(CopyingInputStream download, Descriptor layer) throws IOException {
        try {
            return UncompressedDigest.of(download);
        } catch (IOException e) {
            download.drain(BUFFER);
            throw BerthException.invalid("failed to decompress layer " + layer.digest() + ": " + e.getMessage(), e);
        }
    }

    /** Decompresses a stored blob for its diff id. */
    static UncompressedDigest measureStored(ContentStore content, Digest digest) {
        try (InputStream blob = content.open(digest)) {
            return UncompressedDigest.of(blob);
        } catch (IOException e) {
            throw BerthException.invalid("failed to decompress layer " + digest + ": " + e.getMessage(), e);
        }
    }
}

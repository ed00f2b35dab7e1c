package dev.berth.image.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.RegistryCredentials;

/**
 * One layer into the content store, verified twice on a single pass: the blob against its digest
 * (by the registry stream) and its decompressed content against the diff id. The ingest is
 * committed only when both hold, so a bad layer leaves nothing behind. A blob the store already has
 * (from an earlier pull that failed later, say) is verified locally instead of downloaded.
 */
final class LayerFetch {

    private final LayerSource source;
    private final ContentStore content;

    LayerFetch(LayerSource source, ContentStore content) {
        this.source = source;
        this.content = content;
    }

    VerifiedLayer fetch(ImageReference repository, Descriptor layer, Digest expectedDiffId,
            RegistryCredentials credentials, PullListener listener) {
        if (content.info(layer.digest()).isPresent()) {
            return verifyLocal(layer, expectedDiffId, listener);
        }
        ProgressThrottle throttle = new ProgressThrottle(layer.size());
        try (InputStream blob = source.open(repository, layer, credentials);
                ContentWriter writer = content.writer()) {
            CopyingInputStream download = new CopyingInputStream(blob, writer.stream(), current -> {
                if (throttle.shouldReport(current)) {
                    listener.layer(layer.digest(), LayerPhase.DOWNLOADING, current, layer.size());
                }
            });
            UncompressedDigest tar = decompress(download, layer);
            download.drain();
            listener.layer(layer.digest(), LayerPhase.DOWNLOADING, download.count(), layer.size());
            listener.layer(layer.digest(), LayerPhase.VERIFYING_CHECKSUM, 0, 0);
            tar.require(layer.digest(), expectedDiffId);
            BlobInfo stored = writer.commit(layer.size(), layer.digest());
            listener.layer(layer.digest(), LayerPhase.DOWNLOAD_COMPLETE, 0, 0);
            return new VerifiedLayer(stored.digest(), stored.size(), tar.digest(), tar.size());
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
            download.drain();
            throw BerthException.invalid("failed to decompress layer " + layer.digest() + ": " + e.getMessage(), e);
        }
    }

    private VerifiedLayer verifyLocal(Descriptor layer, Digest expectedDiffId, PullListener listener) {
        try (InputStream blob = content.open(layer.digest())) {
            UncompressedDigest tar = UncompressedDigest.of(blob);
            tar.require(layer.digest(), expectedDiffId);
            listener.layer(layer.digest(), LayerPhase.DOWNLOAD_COMPLETE, 0, 0);
            return new VerifiedLayer(layer.digest(), layer.size(), tar.digest(), tar.size());
        } catch (IOException e) {
            throw BerthException.invalid("failed to decompress layer " + layer.digest() + ": " + e.getMessage(), e);
        }
    }
}

package dev.berth.image.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import dev.berth.common.compress.Decompression;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.store.LayerRecord;

/**
 * The gzip blob of a layer, for registries: a gzip layer as it is, any other (a plain tar, zstd)
 * decompressed and gzipped on the fly into the store, digested as it is written. The result is
 * kept, so every later push sends the very same bytes.
 */
final class LayerCompressor {

    private final ContentStore content;

    LayerCompressor(ContentStore content) {
        this.content = content;
    }

    static boolean isGzip(LayerRecord layer) {
        return layer.mediaType() != null && layer.mediaType().endsWith("gzip");
    }

    BlobInfo gzipped(LayerRecord layer) {
        if (isGzip(layer)) {
            return new BlobInfo(layer.digest(), layer.size());
        }
        try (ContentWriter writer = content.writer();
                InputStream tar = Decompression.decompressed(content.open(layer.digest()))) {
            OutputStream gzip = new GZIPOutputStream(nonClosing(writer.stream()), 64 * 1024);
            tar.transferTo(gzip);
            gzip.close();
            return writer.commit(-1, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finishing the gzip stream must not close the ingest before it is committed. */
    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}

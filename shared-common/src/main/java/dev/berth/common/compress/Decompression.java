package dev.berth.common.compress;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Undoes the compression of a tarball or layer, detected from its magic bytes as Docker does:
 * gzip, bzip2, xz or zstd; anything else is read as it is (a plain tar, or garbage that the
 * tar reader will refuse).
 */
public final class Decompression {

    private static final Set<String> SUPPORTED = Set.of(
            CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ,
            CompressorStreamFactory.ZSTANDARD);

    private Decompression() {
    }

    /** The uncompressed content of {@code raw}; closing it closes {@code raw}. */
    public static InputStream decompressed(InputStream raw) throws IOException {
        InputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        String format = detect(buffered);
        if (format == null) {
            return buffered;
        }
        try {
            // decompressConcatenated: a gzip made of several members (pigz, cat a.gz b.gz) is one stream
            return new CompressorStreamFactory(true).createCompressorInputStream(format, buffered);
        } catch (CompressorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The commons-compress name of the compression of {@code buffered} (mark supported), or null. */
    public static String detect(InputStream buffered) {
        try {
            String format = CompressorStreamFactory.detect(buffered);
            return SUPPORTED.contains(format) ? format : null;
        } catch (CompressorException e) {
            return null; // no known signature: plain
        }
    }
}

package dev.berth.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/** Small tarballs built in memory for tests. */
public final class TestTarballs {

    private TestTarballs() {
    }

    /** A tar with a {@code bin/} directory and the given files (path to text). */
    public static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("bin/");
            dir.setModTime(FIXED_TIME);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setMode(0755);
                // Fixed, so the same files always make the same bytes (and digest).
                entry.setModTime(FIXED_TIME);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final long FIXED_TIME = 1_700_000_000_000L;

    public static byte[] smallTar() {
        return tar(Map.of("bin/hello", "#!/bin/sh\necho hello\n", "etc/motd", "welcome\n"));
    }

    /** Compresses with one of commons-compress's formats, e.g. {@link CompressorStreamFactory#GZIP}. */
    public static byte[] compress(String format, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(format, bytes)) {
            out.write(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}

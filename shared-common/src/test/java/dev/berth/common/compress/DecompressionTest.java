package dev.berth.common.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecompressionTest {

    private static final byte[] CONTENT = "layer content\n".repeat(500).getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ,
            CompressorStreamFactory.ZSTANDARD, "none"})
    void decompressed_eachFormat_givesTheOriginalBytes(String format) throws Exception {
        byte[] compressed = compress(format, CONTENT);

        try (InputStream in = Decompression.decompressed(new ByteArrayInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
    }

    private static byte[] compress(String format, byte[] content) throws Exception {
        if (format.equals("none")) {
            return content;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(format, bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw e;
        }
        return bytes.toByteArray();
    }
}

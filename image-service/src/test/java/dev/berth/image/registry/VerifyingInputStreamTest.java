package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.berth.common.digest.Digest;

class VerifyingInputStreamTest {

    private static final byte[] CONTENT = "layer bytes".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.of(CONTENT);
    private static final String CALL = "Get \"http://127.0.0.1:5000/v2/x/blobs/" + DIGEST + "\"";

    @Test
    void read_matchingContent_passesItThrough() throws IOException {
        assertThat(stream(CONTENT, DIGEST, CONTENT.length).readAllBytes()).isEqualTo(CONTENT);
    }

    @Test
    void read_exactlySizeBytes_verifiesWithoutReadingToTheEnd() {
        byte[] tampered = "LAYER bytes".getBytes(StandardCharsets.UTF_8);
        InputStream in = stream(tampered, DIGEST, CONTENT.length);

        assertThatThrownBy(() -> in.readNBytes(CONTENT.length))
                .isInstanceOf(UnexpectedDigestException.class)
                .hasMessage(CALL + ": blob digest mismatch: expected " + DIGEST + ", got " + Digest.of(tampered));
    }

    @Test
    void read_shorterThanPromised_failsWithSizes() {
        assertThatThrownBy(() -> stream(CONTENT, DIGEST, CONTENT.length + 5).transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(UnexpectedDigestException.class)
                .hasMessage(CALL + ": blob size mismatch: expected 16 bytes, got 11");
    }

    @Test
    void read_longerThanPromised_failsWithSizes() {
        byte[] longer = "layer bytes and more".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> stream(longer, DIGEST, CONTENT.length).readAllBytes())
                .isInstanceOf(UnexpectedDigestException.class)
                .hasMessage(CALL + ": blob size mismatch: expected 11 bytes, got more than 11");
    }

    @Test
    void read_emptyBlob_verifiesAndEnds() throws IOException {
        assertThat(stream(new byte[0], Digest.of(new byte[0]), 0).read()).isEqualTo(-1);
        assertThatThrownBy(() -> stream(new byte[0], DIGEST, 0).read())
                .hasMessage(CALL + ": blob digest mismatch: expected " + DIGEST + ", got " + Digest.of(new byte[0]));
    }

    @Test
    void exception_carriesBothDigests() {
        byte[] tampered = "LAYER BYTES".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> stream(tampered, DIGEST, CONTENT.length).readAllBytes())
                .isInstanceOfSatisfying(UnexpectedDigestException.class, e -> {
                    assertThat(e.expected()).isEqualTo(DIGEST);
                    assertThat(e.actual()).isEqualTo(Digest.of(tampered));
                });
    }

    private static InputStream stream(byte[] content, Digest digest, long size) {
        return new VerifyingInputStream(new ByteArrayInputStream(content), digest, size, CALL);
    }
}

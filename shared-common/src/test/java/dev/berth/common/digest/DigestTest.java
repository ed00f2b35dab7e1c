package dev.berth.common.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.berth.common.error.BerthException;

class DigestTest {

    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parse_validDigest_keepsHex() {
        Digest digest = Digest.parse("sha256:" + HEX);

        assertThat(digest.hex()).isEqualTo(HEX);
        assertThat(digest.toString()).isEqualTo("sha256:" + HEX);
    }

    @Test
    void of_emptyContent_isWellKnownDigest() {
        assertThat(Digest.of(new byte[0])).isEqualTo(Digest.parse("sha256:" + HEX));
        assertThat(Digest.of("abc".getBytes(StandardCharsets.UTF_8)).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "sha256", "sha256:", "sha256:abc", HEX,
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "sha256:../../../../etc/passwd",
            "sha256:" + HEX + "/..", "sha256:" + HEX + "0", " sha256:" + HEX})
    void parse_malformedDigest_isInvalidFormat(String input) {
        assertThatThrownBy(() -> Digest.parse(input))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid checksum digest format");
    }

    @Test
    void parse_otherAlgorithm_isUnsupported() {
        assertThatThrownBy(() -> Digest.parse("sha512:" + HEX))
                .isInstanceOf(BerthException.class)
                .hasMessage("unsupported digest algorithm");
    }

    @Test
    void parse_null_isInvalidFormat() {
        assertThatThrownBy(() -> Digest.parse(null)).isInstanceOf(BerthException.class);
    }
}

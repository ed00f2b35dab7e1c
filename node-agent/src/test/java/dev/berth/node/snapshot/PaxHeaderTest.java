package dev.berth.node.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaxHeaderTest {

    @Test
    void parse_sizeAndXattrs_laterRecordWins() throws IOException {
        PaxHeader header = PaxHeader.parse(bytes("25 SCHILY.xattr.user.a=1\n25 SCHILY.xattr.user.a=2\n17 size=99999999\n"));
        assertThat(header.xattrs()).containsOnlyKeys("user.a");
        assertThat(header.xattrs().get("user.a")).containsExactly(bytes("2"));
        assertThat(header.size()).hasValue(99999999L);
    }

    @Test
    void parse_otherKeys_areIgnored() throws IOException {
        PaxHeader header = PaxHeader.parse(bytes("12 path=abc\n"));
        assertThat(header.xattrs()).isEmpty();
        assertThat(header.size()).isEmpty();
    }

    @Test
    void parse_emptyXattrName_isRefused() {
        assertThatThrownBy(() -> PaxHeader.parse(bytes("19 SCHILY.xattr.=1\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("invalid extended attribute name");
    }

    @Test
    void parse_tooLongXattrName_isRefused() {
        String record = " SCHILY.xattr.user." + "n".repeat(251) + "=1\n"; // a 256-byte name
        String withLength = (record.length() + 3) + record;
        assertThatThrownBy(() -> PaxHeader.parse(bytes(withLength)))
                .isInstanceOf(IOException.class).hasMessageContaining("over 255 bytes");
    }

    @Test
    void parse_malformedBase64_isRefused() {
        assertThatThrownBy(() -> PaxHeader.parse(bytes("29 LIBARCHIVE.xattr.user.a=!\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed base64");
    }

    @Test
    void parse_badPercentEscape_isRefused() {
        assertThatThrownBy(() -> PaxHeader.parse(bytes("34 LIBARCHIVE.xattr.user.%G1=MQ==\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("%-escape");
    }

    @Test
    void parse_recordWithoutNewline_isRefused() {
        assertThatThrownBy(() -> PaxHeader.parse(bytes("12 path=abcd")))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed PAX record at byte 0");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

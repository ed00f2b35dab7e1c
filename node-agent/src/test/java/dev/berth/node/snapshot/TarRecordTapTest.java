package dev.berth.node.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TarRecordTapTest {

    @Test
    void size_octal() throws IOException {
        assertThat(TarRecordTap.size(header("00000001750\0".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(1000L);
        assertThat(TarRecordTap.size(header("   1750 \0\0\0\0".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(1000L);
        assertThat(TarRecordTap.size(header(new byte[12]))).isEqualTo(0L);
    }

    @Test
    void size_gnuBase256() throws IOException {
        byte[] eightGiB = new byte[12];
        eightGiB[0] = (byte) 0x80;
        eightGiB[7] = 0x02; // 2 << 32
        assertThat(TarRecordTap.size(header(eightGiB))).isEqualTo(8L << 30);
    }

    @Test
    void size_negativeBase256_isRefused() {
        byte[] negative = new byte[12];
        negative[0] = (byte) 0xff;
        assertThatThrownBy(() -> TarRecordTap.size(header(negative)))
                .isInstanceOf(IOException.class).hasMessageContaining("negative size");
    }

    @Test
    void size_garbage_isRefused() {
        assertThatThrownBy(() -> TarRecordTap.size(header("0017x0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed size field");
    }

    private static byte[] header(byte[] sizeField) {
        byte[] header = new byte[512];
        System.arraycopy(sizeField, 0, header, 124, 12);
        return header;
    }
}

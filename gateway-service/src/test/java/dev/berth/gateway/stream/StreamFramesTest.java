package dev.berth.gateway.stream;

import dev.berth.proto.v1.OutputStream;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StreamFramesTest {

    @Test
    void encode_stdout_hasTheEightByteHeader() {
        byte[] frame = StreamFrames.encode(false, OutputStream.OUTPUT_STREAM_STDOUT, "hi\n".getBytes(StandardCharsets.UTF_8));

        assertThat(frame).containsExactly(1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n');
    }

    @Test
    void encode_stderr_isStreamTwo() {
        byte[] frame = StreamFrames.encode(false, OutputStream.OUTPUT_STREAM_STDERR, new byte[] {'x'});

        assertThat(frame).containsExactly(2, 0, 0, 0, 0, 0, 0, 1, 'x');
    }

    @Test
    void encode_lengthIsBigEndian() {
        byte[] frame = StreamFrames.encode(false, OutputStream.OUTPUT_STREAM_STDOUT, new byte[0x010203]);

        assertThat(frame).hasSize(8 + 0x010203);
        assertThat(java.util.Arrays.copyOf(frame, 8)).containsExactly(1, 0, 0, 0, 0, 1, 2, 3);
    }

    @Test
    void encode_tty_isRaw() {
        byte[] payload = {'a', 'b'};

        assertThat(StreamFrames.encode(true, OutputStream.OUTPUT_STREAM_STDOUT, payload)).containsExactly('a', 'b');
        assertThat(StreamFrames.contentType(true)).isEqualTo("application/vnd.docker.raw-stream");
        assertThat(StreamFrames.contentType(false)).isEqualTo("application/vnd.docker.multiplexed-stream");
    }
}

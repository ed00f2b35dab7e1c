package dev.berth.node.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.nativ.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConmonPipeTest {

    private static void write(ConmonPipe pipe, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Native.libc().write(pipe.writeFd(), bytes, bytes.length)).isEqualTo(bytes.length);
    }

    private static long soon() {
        return System.currentTimeMillis() + 5_000;
    }

    @Test
    void next_readsOneMessageAtATime() throws IOException {
        try (ConmonPipe pipe = ConmonPipe.open()) {
            write(pipe, "{\"data\": 4242}\n{\"data\": 3}\n");

            assertThat(pipe.next(soon())).isEqualTo(new ConmonPipe.Message(4242, ""));
            assertThat(pipe.next(soon())).isEqualTo(new ConmonPipe.Message(3, ""));
        }
    }

    @Test
    void next_joinsAMessageWrittenInPieces() throws IOException {
        try (ConmonPipe pipe = ConmonPipe.open()) {
            write(pipe, "{\"data\": -1, \"mess");
            write(pipe, "age\": \"exec failed\"}\n");

            assertThat(pipe.next(soon())).isEqualTo(new ConmonPipe.Message(-1, "exec failed"));
        }
    }

    @Test
    void next_afterTheWriterClosed_isNull() throws IOException {
        try (ConmonPipe pipe = ConmonPipe.open()) {
            write(pipe, "{\"data\": 0}\n");
            pipe.closeWriteEnd();

            assertThat(pipe.next(soon())).isEqualTo(new ConmonPipe.Message(0, ""));
            assertThat(pipe.next(soon())).isNull();
        }
    }

    @Test
    void next_withNothingByTheDeadline_isNull() throws IOException {
        try (ConmonPipe pipe = ConmonPipe.open()) {
            long start = System.currentTimeMillis();

            assertThat(pipe.next(start + 50)).isNull();
            assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void parse_notConmonsShape_fails() {
        assertThatThrownBy(() -> ConmonPipe.parse("{\"pid\": 1}")).isInstanceOf(IOException.class)
                .hasMessage("conmon sent {\"pid\": 1}");
    }
}

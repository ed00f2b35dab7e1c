package dev.berth.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.attach.OutputKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {

    private static LogLine line(String text) {
        return LogLine.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void parse_fullLine() {
        LogLine line = line("2026-11-27T03:20:01.123456789+00:00 stdout F hello world");
        assertThat(line.time()).isEqualTo(Instant.parse("2026-11-27T03:20:01.123456789Z"));
        assertThat(line.stream()).isEqualTo(OutputKind.STDOUT);
        assertThat(line.partial()).isFalse();
        assertThat(new String(line.text(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    @Test
    void parse_emptyTextAndStderr() {
        LogLine line = line("2026-11-27T03:20:01.1+01:00 stderr F ");
        assertThat(line.stream()).isEqualTo(OutputKind.STDERR);
        assertThat(line.text()).isEmpty();
        assertThat(line("2026-11-27T03:20:01Z stdout F").text()).isEmpty();
    }

    @Test
    void parse_malformed_isEmpty() {
        assertThat(LogLine.parse("garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LogLine.parse("notatime stdout F x".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void assemble_partialLines_joinWithTheNextOfTheSameStream() {
        List<LogEntryAssembler.Entry> entries = LogEntryAssembler.assemble(List.of(
                line("2026-11-27T03:20:01Z stdout P abc"),
                line("2026-11-27T03:20:02Z stderr F err"),
                line("2026-11-27T03:20:03Z stdout P def"),
                line("2026-11-27T03:20:04Z stdout F ghi"),
                line("2026-11-27T03:20:05Z stdout P tail")));
        assertThat(entries).extracting(e -> new String(e.data(), StandardCharsets.UTF_8))
                .containsExactly("err\n", "abcdefghi\n", "tail");
        assertThat(entries.get(1).time()).isEqualTo(Instant.parse("2026-11-27T03:20:01Z"));
        assertThat(entries.get(0).stream()).isEqualTo(OutputKind.STDERR);
    }
}

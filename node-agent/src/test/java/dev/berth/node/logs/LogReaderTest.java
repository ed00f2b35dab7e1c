package dev.berth.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.attach.OutputHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

    private static final int LINES = 20_000;

    @TempDir
    Path dir;
    private Path log;

    @BeforeEach
    void writeLog() throws Exception {
        log = dir.resolve("ctr.log");
        List<String> lines = IntStream.range(0, LINES)
                .mapToObj(i -> "2024-01-01T00:00:00.000000001Z " + (i % 2 == 0 ? "stdout" : "stderr") + " F line " + i)
                .toList();
        Files.write(log, lines);
    }

    private List<String> read(int tail, boolean stderr, int stopAfter) throws Exception {
        List<String> got = new ArrayList<>();
        LogReader.read(log, new LogReader.Query(true, stderr, null, null, tail, false), new OutputHub(),
                () -> false, () -> false, entry -> {
                    got.add(new String(entry.data(), StandardCharsets.UTF_8));
                    return got.size() < stopAfter;
                });
        return got;
    }

    @Test
    void read_tailAll_streamsEveryEntryInOrder() throws Exception {
        List<String> all = read(-1, true, Integer.MAX_VALUE);

        assertThat(all).hasSize(LINES);
        assertThat(all.get(0)).isEqualTo("line 0\n");
        assertThat(all.get(LINES - 1)).isEqualTo("line " + (LINES - 1) + "\n");
    }

    @Test
    void read_tailAll_outputThatStops_endsTheReading() throws Exception {
        assertThat(read(-1, true, 3)).containsExactly("line 0\n", "line 1\n", "line 2\n");
    }

    @Test
    void read_tailN_keepsTheLastMatchingEntries() throws Exception {
        assertThat(read(2, false, Integer.MAX_VALUE))
                .containsExactly("line " + (LINES - 4) + "\n", "line " + (LINES - 2) + "\n");
    }
}

package dev.berth.node.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {

    @Test
    void run_capturesOutputOfBothStreamsAndExitCode() {
        ExternalCommand.Result result = ExternalCommand.of(Duration.ofSeconds(10),
                List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3")).run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("out\nerr");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.ok()).isFalse();
    }

    @Test
    void inDirectory_runsThere(@TempDir Path dir) throws Exception {
        ExternalCommand.Result result = ExternalCommand.of(Duration.ofSeconds(10), List.of("/bin/pwd"))
                .inDirectory(dir).run();

        assertThat(result.output()).isEqualTo(dir.toRealPath().toString());
    }

    @Test
    void run_silentProgramPastItsTimeout_isKilled() {
        long started = System.nanoTime();

        ExternalCommand.Result result = ExternalCommand.of(Duration.ofMillis(200), List.of("/bin/sleep", "30")).run();

        assertThat(result.timedOut()).isTrue();
        assertThat(result.output()).isEqualTo("sleep 30 timed out after 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void run_programThatNeverStopsWriting_isKilledAtItsTimeout() {
        long started = System.nanoTime();

        ExternalCommand.Result result = ExternalCommand.of(Duration.ofMillis(200), List.of("/usr/bin/yes")).run();

        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void run_outputToFile_appends(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        Files.writeString(file, "before\n");

        ExternalCommand.Result result = ExternalCommand.of(Duration.ofSeconds(10), List.of("/bin/echo", "after"))
                .appendingOutputTo(file).run();

        assertThat(result.ok()).isTrue();
        assertThat(result.output()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("before\nafter\n");
    }

    @Test
    void run_missingProgram_failsWithoutThrowing() {
        ExternalCommand.Result result = ExternalCommand.of(Duration.ofSeconds(1), List.of("/no/such/program")).run();

        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).contains("/no/such/program");
    }
}

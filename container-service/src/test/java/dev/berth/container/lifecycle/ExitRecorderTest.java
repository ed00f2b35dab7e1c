package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.Times;

class ExitRecorderTest {

    private static final OffsetDateTime T = Times.now();

    private static ContainerRow row(String status, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
        return new ContainerRow("c", "n", "sha256:x", "busybox", "{}", "{}", status, 0, 0, "", false, T.minusHours(1),
                startedAt, finishedAt, 0, "local", "{}", 1L);
    }

    private static Exit exitAt(OffsetDateTime at) {
        return new Exit(1, at, false, "");
    }

    @Test
    void isStale_firstExitOfARunIsNew() {
        assertThat(ExitRecorder.isStale(row("running", T, null), exitAt(T.plusSeconds(1)))).isFalse();
    }

    @Test
    void isStale_exitBeforeStartWasRecordedIsNew() {
        assertThat(ExitRecorder.isStale(row("created", null, null), exitAt(T))).isFalse();
    }

    @Test
    void isStale_sameExitTwiceIsStale() {
        assertThat(ExitRecorder.isStale(row("exited", T, T.plusSeconds(1)), exitAt(T.plusSeconds(1)))).isTrue();
    }

    @Test
    void isStale_previousRunsExitAfterRestartIsStale() {
        ContainerRow restarted = row("running", T.plusSeconds(5), T.plusSeconds(4));

        assertThat(ExitRecorder.isStale(restarted, exitAt(T.plusSeconds(4)))).isTrue();
        assertThat(ExitRecorder.isStale(restarted, exitAt(T.plusSeconds(6)))).isFalse();
    }

    @Test
    void isStale_newRunExitingBeforeItsStartWasRecordedIsNew() {
        ContainerRow exitedBefore = row("exited", T, T.plusSeconds(1));

        assertThat(ExitRecorder.isStale(exitedBefore, exitAt(T.plusSeconds(9)))).isFalse();
    }
}

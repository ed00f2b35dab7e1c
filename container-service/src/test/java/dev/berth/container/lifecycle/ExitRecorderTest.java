package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.Times;

class ExitRecorderTest {

    private static final OffsetDateTime T = Times.now();

    private static ContainerRow row(String status, long runId, long exitedRunId) {
        return new ContainerRow("c", "n", "sha256:x", "busybox", "{}", "{}", status, 0, 0, "", false, T.minusHours(1),
                T, null, 0, "local", "{}", runId, exitedRunId, dev.berth.container.store.StopIntent.NONE, "", 1L);
    }

    /** The times say nothing: only the run ids decide. */
    private static Exit exitOf(long runId) {
        return new Exit(runId, 1, T.minusDays(1), false, "");
    }

    @Test
    void isStale_exitOfTheRunningRunIsNew() {
        assertThat(ExitRecorder.isStale(row("running", 1, ContainerRow.NO_RUN), exitOf(1))).isFalse();
    }

    @Test
    void isStale_exitBeforeTheFirstStartWasRecordedIsNew() {
        assertThat(ExitRecorder.isStale(row("created", 0, ContainerRow.NO_RUN), exitOf(1))).isFalse();
    }

    @Test
    void isStale_sameRunsExitTwiceIsStale() {
        assertThat(ExitRecorder.isStale(row("exited", 3, 3), exitOf(3))).isTrue();
    }

    @Test
    void isStale_previousRunsExitAfterRestartIsStale() {
        ContainerRow restarted = row("running", 5, 4);

        assertThat(ExitRecorder.isStale(restarted, exitOf(4))).isTrue();
        assertThat(ExitRecorder.isStale(restarted, exitOf(5))).isFalse();
    }

    @Test
    void isStale_missedExitOfAnOlderRunIsStale() {
        assertThat(ExitRecorder.isStale(row("running", 5, 2), exitOf(3))).isTrue();
    }

    @Test
    void isStale_newRunExitingBeforeItsStartWasRecordedIsNew() {
        assertThat(ExitRecorder.isStale(row("exited", 1, 1), exitOf(2))).isFalse();
    }

    @Test
    void withExit_ofARunNotYetStarted_movesTheRowToThatRun() {
        ContainerRow exited = ExitRecorder.withExit(row("exited", 1, 1), exitOf(2));

        assertThat(exited.runId()).isEqualTo(2);
        assertThat(exited.exitedRunId()).isEqualTo(2);
        assertThat(exited.status()).isEqualTo("exited");
    }
}

package dev.berth.node.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskServiceSignalsTest {

    @Test
    void thawsOnSignal_killAlways() {
        assertThat(TaskService.thawsOnSignal(9, "SIGUSR1")).isTrue();
    }

    @Test
    void thawsOnSignal_noStopSignalConfigured_anySignal() {
        assertThat(TaskService.thawsOnSignal(10, "")).isTrue();
    }

    @Test
    void thawsOnSignal_theStopSignalOnly_whenOneIsConfigured() {
        assertThat(TaskService.thawsOnSignal(10, "SIGUSR1")).isTrue();
        assertThat(TaskService.thawsOnSignal(10, "10")).isTrue();
        assertThat(TaskService.thawsOnSignal(15, "SIGUSR1")).isFalse();
    }
}

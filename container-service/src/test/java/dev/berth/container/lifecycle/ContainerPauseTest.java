package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContainerPauseTest {

    @Test
    void checkPausable_onlyRunning() {
        assertThatCode(() -> ContainerPause.checkPausable("c", State.RUNNING)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ContainerPause.checkPausable("c", State.PAUSED)).hasMessage("Container c is already paused");
        assertThatThrownBy(() -> ContainerPause.checkPausable("c", State.EXITED)).hasMessage("container c is not running");
        assertThatThrownBy(() -> ContainerPause.checkPausable("c", State.CREATED)).hasMessage("container c is not running");
        assertThatThrownBy(() -> ContainerPause.checkPausable("c", State.RESTARTING))
                .hasMessage("Container c is restarting, wait until the container is running");
    }

    @Test
    void checkUnpausable_onlyPaused() {
        assertThatCode(() -> ContainerPause.checkUnpausable("c", State.PAUSED)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ContainerPause.checkUnpausable("c", State.RUNNING)).hasMessage("Container c is not paused");
    }
}

package dev.berth.gateway.container;

import com.google.protobuf.Timestamp;
import dev.berth.proto.v1.ContainerState;
import dev.berth.proto.v1.Health;
import dev.berth.proto.v1.ContainerStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerStatusTextTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    private static Timestamp ago(long seconds) {
        return Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - seconds).build();
    }

    @Test
    void status_running_isUpSinceStart() {
        ContainerState state = ContainerState.newBuilder().setStatus(ContainerStatus.CONTAINER_STATUS_RUNNING)
                .setStartedAt(ago(5)).build();

        assertThat(ContainerStatusText.status(state, NOW)).isEqualTo("Up 5 seconds");
        assertThat(ContainerStatusText.state(state.getStatus())).isEqualTo("running");
    }

    @Test
    void status_runningWithHealth_showsItAsDockerPs() {
        ContainerState.Builder state = ContainerState.newBuilder().setStatus(ContainerStatus.CONTAINER_STATUS_RUNNING)
                .setStartedAt(ago(5));

        assertThat(ContainerStatusText.status(state.setHealth(Health.newBuilder().setStatus("starting")).build(), NOW))
                .isEqualTo("Up 5 seconds (health: starting)");
        assertThat(ContainerStatusText.status(state.setHealth(Health.newBuilder().setStatus("healthy")).build(), NOW))
                .isEqualTo("Up 5 seconds (healthy)");
        assertThat(ContainerStatusText.status(state.setHealth(Health.newBuilder().setStatus("unhealthy")).build(), NOW))
                .isEqualTo("Up 5 seconds (unhealthy)");
    }

    @Test
    void status_exited_showsCodeAndAge() {
        ContainerState state = ContainerState.newBuilder().setStatus(ContainerStatus.CONTAINER_STATUS_EXITED)
                .setExitCode(3).setStartedAt(ago(600)).setFinishedAt(ago(120)).build();

        assertThat(ContainerStatusText.status(state, NOW)).isEqualTo("Exited (3) 2 minutes ago");
        assertThat(ContainerStatusText.state(state.getStatus())).isEqualTo("exited");
    }

    @Test
    void status_neverStarted_isCreated() {
        ContainerState state = ContainerState.newBuilder().setStatus(ContainerStatus.CONTAINER_STATUS_CREATED).build();

        assertThat(ContainerStatusText.status(state, NOW)).isEqualTo("Created");
        assertThat(ContainerStatusText.state(state.getStatus())).isEqualTo("created");
    }

    @Test
    void status_pausedAndRemovingAndDead() {
        assertThat(ContainerStatusText.status(ContainerState.newBuilder()
                .setStatus(ContainerStatus.CONTAINER_STATUS_PAUSED).setStartedAt(ago(7200)).build(), NOW))
                .isEqualTo("Up 2 hours (Paused)");
        assertThat(ContainerStatusText.status(ContainerState.newBuilder()
                .setStatus(ContainerStatus.CONTAINER_STATUS_REMOVING).build(), NOW)).isEqualTo("Removal In Progress");
        assertThat(ContainerStatusText.status(ContainerState.newBuilder()
                .setStatus(ContainerStatus.CONTAINER_STATUS_DEAD).build(), NOW)).isEqualTo("Dead");
    }
}

package dev.berth.container.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.HealthConfig;

class HealthStatesTest {

    private static ContainerConfig withTest(String... test) {
        return ContainerConfig.newBuilder().setHealthcheck(HealthConfig.newBuilder().addAllTest(java.util.List.of(test))).build();
    }

    @Test
    void checked_runningWithACommand_only() {
        assertThat(HealthStates.checked(ContainerStatus.CONTAINER_STATUS_RUNNING, withTest("CMD-SHELL", "true"))).isTrue();
        assertThat(HealthStates.checked(ContainerStatus.CONTAINER_STATUS_PAUSED, withTest("CMD", "true"))).isTrue();
        assertThat(HealthStates.checked(ContainerStatus.CONTAINER_STATUS_EXITED, withTest("CMD", "true"))).isFalse();
        assertThat(HealthStates.checked(ContainerStatus.CONTAINER_STATUS_RUNNING, withTest("NONE"))).isFalse();
        assertThat(HealthStates.checked(ContainerStatus.CONTAINER_STATUS_RUNNING, withTest())).isFalse();
        assertThat(HealthStates.checked(ContainerStatus.CONTAINER_STATUS_RUNNING, ContainerConfig.getDefaultInstance())).isFalse();
    }
}

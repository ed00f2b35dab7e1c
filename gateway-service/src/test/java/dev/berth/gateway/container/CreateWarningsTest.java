package dev.berth.gateway.container;

import dev.berth.proto.v1.HostConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateWarningsTest {

    private static final long MB = 1024 * 1024;

    @Test
    void of_everythingApplied_noWarnings() {
        HostConfig asked = HostConfig.newBuilder().setMemory(32 * MB).setBlkioWeight(300).setPidsLimit(5).build();
        HostConfig applied = asked.toBuilder().setMemorySwap(64 * MB).build();
        assertThat(CreateWarnings.of(asked, applied)).isEmpty();
    }

    @Test
    void of_blkioWeightDiscarded_warnsAsDocker() {
        assertThat(CreateWarnings.of(HostConfig.newBuilder().setBlkioWeight(300).build(),
                HostConfig.getDefaultInstance())).containsExactly(
                "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
    }

    @Test
    void of_swapUnlimitedForWantOfAccounting_warnsAsDocker() {
        HostConfig asked = HostConfig.newBuilder().setMemory(32 * MB).build();
        assertThat(CreateWarnings.of(asked, asked.toBuilder().setMemorySwap(-1).build())).containsExactly(
                "Your kernel does not support swap limit capabilities or the cgroup is not mounted."
                        + " Memory limited without swap.");
    }

    @Test
    void of_unlimitedSwapAsked_noWarning() {
        HostConfig asked = HostConfig.newBuilder().setMemory(32 * MB).setMemorySwap(-1).build();
        assertThat(CreateWarnings.of(asked, asked)).isEmpty();
    }

    @Test
    void of_pidsLimitDiscarded_warnsAsDocker() {
        assertThat(CreateWarnings.of(HostConfig.newBuilder().setPidsLimit(5).build(), HostConfig.getDefaultInstance()))
                .containsExactly("Your kernel does not support PIDs limit capabilities or the cgroup is not mounted."
                        + " PIDs limit discarded.");
    }
}

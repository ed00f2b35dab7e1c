package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.UpdateContainerRequest;

class ResourceChangesTest {

    private static final HostConfig LIMITED = HostConfig.newBuilder().setMemory(64L << 20).setMemorySwap(128L << 20)
            .setPidsLimit(10).setCpuShares(512).build();

    @Test
    void merge_givenFields_replaceAndOthersStay() {
        HostConfig merged = ResourceChanges.merge("c", LIMITED, UpdateContainerRequest.newBuilder()
                .setMemory(100L << 20).setCpusetCpus("0").setCpuShares(0).build());

        assertThat(merged).isEqualTo(LIMITED.toBuilder().setMemory(100L << 20).setCpusetCpus("0").build());
    }

    @Test
    void merge_memoryAboveTheSwapLimit_withoutNewSwap_isRefusedAsDocker() {
        assertThatThrownBy(() -> ResourceChanges.merge("c", LIMITED,
                UpdateContainerRequest.newBuilder().setMemory(200L << 20).build()))
                .isInstanceOf(BerthException.class)
                .hasMessage("Cannot update container c: Memory limit should be smaller than already set memoryswap"
                        + " limit, update the memoryswap at the same time");
    }

    @Test
    void merge_memoryAndSwapTogether_isAccepted() {
        HostConfig merged = ResourceChanges.merge("c", LIMITED,
                UpdateContainerRequest.newBuilder().setMemory(200L << 20).setMemorySwap(-1).build());

        assertThat(merged.getMemory()).isEqualTo(200L << 20);
        assertThat(merged.getMemorySwap()).isEqualTo(-1);
    }

    @Test
    void merge_pidsLimitZeroOrNegative_meansNoLimit() {
        assertThat(ResourceChanges.merge("c", LIMITED, UpdateContainerRequest.newBuilder().setPidsLimit(0).build())
                .hasPidsLimit()).isFalse();
        assertThat(ResourceChanges.merge("c", LIMITED, UpdateContainerRequest.newBuilder().setPidsLimit(-1).build())
                .hasPidsLimit()).isFalse();
        assertThat(ResourceChanges.merge("c", LIMITED, UpdateContainerRequest.newBuilder().setPidsLimit(20).build())
                .getPidsLimit()).isEqualTo(20);
    }

    @Test
    void merge_nanoCpusOverAQuota_isRefused() {
        HostConfig quota = HostConfig.newBuilder().setCpuQuota(50000).build();

        assertThatThrownBy(() -> ResourceChanges.merge("c", quota,
                UpdateContainerRequest.newBuilder().setNanoCpus(1_000_000_000L).build()))
                .hasMessage("Cannot update container c: Conflicting options: Nano CPUs cannot be updated as CPU"
                        + " Quota has already been set");
    }

    @Test
    void merge_memoryOfAnUnlimitedContainer_needsASwapLimitToo_asDocker() {
        HostConfig unlimited = HostConfig.getDefaultInstance();

        assertThatThrownBy(() -> ResourceChanges.merge("c", unlimited,
                UpdateContainerRequest.newBuilder().setMemory(64L << 20).build()))
                .hasMessage("Cannot update container c: Memory limit should be smaller than already set memoryswap"
                        + " limit, update the memoryswap at the same time");
        HostConfig merged = ResourceChanges.merge("c", unlimited,
                UpdateContainerRequest.newBuilder().setMemory(64L << 20).setMemorySwap(-1).build());
        assertThat(merged.getMemory()).isEqualTo(64L << 20);
        assertThat(merged.getMemorySwap()).isEqualTo(-1);
    }
}

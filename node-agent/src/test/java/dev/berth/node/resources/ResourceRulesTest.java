package dev.berth.node.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.HostConfig;
import org.junit.jupiter.api.Test;

class ResourceRulesTest {

    private static final long MB = 1024 * 1024;
    /** Every controller, two CPUs, one memory node. */
    private static final CgroupHost FULL = new CgroupHost(true, true, true, true, true, true, true, true, 2, "0-1", "0");
    /** This kind of host: no swap accounting, no blkio weight. */
    private static final CgroupHost NO_SWAP_NO_WEIGHT =
            new CgroupHost(true, false, true, true, true, true, true, false, 2, "0-1", "0");
    private static final CgroupHost NOTHING =
            new CgroupHost(false, false, false, false, false, false, false, false, 2, "", "");

    private static HostConfig apply(CgroupHost host, HostConfig.Builder asked) {
        return new ResourceRules(host).apply(asked.build());
    }

    private static void refused(HostConfig.Builder asked, String message) {
        assertThatThrownBy(() -> apply(FULL, asked)).isInstanceOf(BerthException.class).hasMessage(message);
    }

    @Test
    void apply_nothingAsked_keepsEverythingUnset() {
        assertThat(apply(FULL, HostConfig.newBuilder())).isEqualTo(HostConfig.getDefaultInstance());
    }

    @Test
    void apply_memoryBelow6MB_isRefusedWithDockersMessage() {
        refused(HostConfig.newBuilder().setMemory(6 * MB - 1), "Minimum memory limit allowed is 6MB");
        assertThat(apply(FULL, HostConfig.newBuilder().setMemory(6 * MB)).getMemory()).isEqualTo(6 * MB);
    }

    @Test
    void apply_memoryWithoutSwap_swapDefaultsToTwiceTheMemory() {
        assertThat(apply(FULL, HostConfig.newBuilder().setMemory(32 * MB)).getMemorySwap()).isEqualTo(64 * MB);
    }

    @Test
    void apply_noSwapAccounting_swapBecomesUnlimited() {
        HostConfig applied = apply(NO_SWAP_NO_WEIGHT, HostConfig.newBuilder().setMemory(32 * MB).setMemorySwap(64 * MB));
        assertThat(applied.getMemory()).isEqualTo(32 * MB);
        assertThat(applied.getMemorySwap()).isEqualTo(-1);
    }

    @Test
    void apply_swapRules_asDocker() {
        refused(HostConfig.newBuilder().setMemory(32 * MB).setMemorySwap(16 * MB),
                "Minimum memoryswap limit should be larger than memory limit, see usage");
        refused(HostConfig.newBuilder().setMemorySwap(16 * MB),
                "You should always set the Memory limit when using Memoryswap limit, see usage");
    }

    @Test
    void apply_reservationRules_asDocker() {
        refused(HostConfig.newBuilder().setMemoryReservation(MB), "Minimum memory reservation allowed is 6MB");
        refused(HostConfig.newBuilder().setMemory(16 * MB).setMemoryReservation(32 * MB),
                "Minimum memory limit can not be less than memory reservation limit, see usage");
    }

    @Test
    void apply_cpuShares_clampedAsDocker() {
        assertThat(apply(FULL, HostConfig.newBuilder().setCpuShares(-5)).getCpuShares()).isEqualTo(2);
        assertThat(apply(FULL, HostConfig.newBuilder().setCpuShares(1)).getCpuShares()).isEqualTo(2);
        assertThat(apply(FULL, HostConfig.newBuilder().setCpuShares(300000)).getCpuShares()).isEqualTo(262144);
        assertThat(apply(FULL, HostConfig.newBuilder().setCpuShares(512)).getCpuShares()).isEqualTo(512);
    }

    @Test
    void apply_nanoCpus_rangeAndConflicts() {
        refused(HostConfig.newBuilder().setNanoCpus(3_000_000_000L),
                "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available");
        refused(HostConfig.newBuilder().setNanoCpus(1_000_000_000L).setCpuPeriod(100000),
                "Conflicting options: Nano CPUs and CPU Period cannot both be set");
        refused(HostConfig.newBuilder().setNanoCpus(1_000_000_000L).setCpuQuota(50000),
                "Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }

    @Test
    void apply_cfsPeriodAndQuota_boundsAsDocker() {
        refused(HostConfig.newBuilder().setCpuPeriod(999),
                "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        refused(HostConfig.newBuilder().setCpuPeriod(1_000_001),
                "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        refused(HostConfig.newBuilder().setCpuQuota(999), "CPU cfs quota can not be less than 1ms (i.e. 1000)");
        assertThat(apply(FULL, HostConfig.newBuilder().setCpuQuota(-1)).getCpuQuota()).isEqualTo(-1);
    }

    @Test
    void apply_cpuset_checkedAgainstTheHost() {
        refused(HostConfig.newBuilder().setCpusetCpus("0-x"), "Invalid value 0-x for cpuset cpus: invalid format: 0-x");
        refused(HostConfig.newBuilder().setCpusetCpus("1,3"),
                "Requested CPUs are not available - requested 1,3, available: 0-1");
        refused(HostConfig.newBuilder().setCpusetMems("1"),
                "Requested memory nodes are not available - requested 1, available: 0");
        assertThat(apply(FULL, HostConfig.newBuilder().setCpusetCpus("0,1").setCpusetMems("0")).getCpusetCpus())
                .isEqualTo("0,1");
    }

    @Test
    void apply_pidsLimit_zeroOrNegativeMeansNone() {
        assertThat(apply(FULL, HostConfig.newBuilder().setPidsLimit(0)).hasPidsLimit()).isFalse();
        assertThat(apply(FULL, HostConfig.newBuilder().setPidsLimit(-1)).hasPidsLimit()).isFalse();
        assertThat(apply(FULL, HostConfig.newBuilder().setPidsLimit(10)).getPidsLimit()).isEqualTo(10);
    }

    @Test
    void apply_blkioWeight_rangeWhereSupported_discardedWhereNot() {
        refused(HostConfig.newBuilder().setBlkioWeight(5), "Range of blkio weight is from 10 to 1000");
        assertThat(apply(FULL, HostConfig.newBuilder().setBlkioWeight(300)).getBlkioWeight()).isEqualTo(300);
        assertThat(apply(NO_SWAP_NO_WEIGHT, HostConfig.newBuilder().setBlkioWeight(5)).getBlkioWeight()).isZero();
    }

    @Test
    void apply_kernelWithoutControllers_discardsWhatDockerDiscards() {
        HostConfig applied = apply(NOTHING, HostConfig.newBuilder().setMemory(32 * MB).setMemoryReservation(16 * MB)
                .setCpuShares(512).setCpuPeriod(50000).setCpuQuota(20000).setCpusetCpus("0").setPidsLimit(5)
                .setBlkioWeight(300));
        assertThat(applied).isEqualTo(HostConfig.newBuilder().setMemorySwap(-1).build());
    }

    @Test
    void applyUpdate_memoryWithoutSwap_noSwapDefault() {
        HostConfig applied = new ResourceRules(FULL).applyUpdate(HostConfig.newBuilder().setMemory(64 * MB).build());

        assertThat(applied.getMemorySwap()).isZero();
    }

    @Test
    void applyUpdate_swapWithoutMemory_allowedAsDockerAllowsItOnUpdate() {
        HostConfig applied = new ResourceRules(FULL).applyUpdate(HostConfig.newBuilder().setMemorySwap(64 * MB).build());

        assertThat(applied.getMemorySwap()).isEqualTo(64 * MB);
    }

    @Test
    void applyUpdate_memoryBelow6MB_isStillRefused() {
        assertThatThrownBy(() -> new ResourceRules(FULL).applyUpdate(HostConfig.newBuilder().setMemory(MB).build()))
                .hasMessage("Minimum memory limit allowed is 6MB");
    }
}

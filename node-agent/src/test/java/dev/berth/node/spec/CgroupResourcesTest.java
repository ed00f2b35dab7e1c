package dev.berth.node.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.proto.v1.HostConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CgroupResourcesTest {

    private static OciSpec.Resources resources(HostConfig host) {
        return OciSpecFactory.build(List.of(CgroupResources.of(host))).linux().resources();
    }

    @Test
    void of_noLimits_leavesEveryControllerOut() {
        OciSpec.Resources r = resources(HostConfig.getDefaultInstance());
        assertThat(r.memory()).isNull();
        assertThat(r.cpu()).isNull();
        assertThat(r.pids()).isNull();
        assertThat(r.blockIO()).isNull();
    }

    @Test
    void of_memory_limitReservationAndSwap() {
        OciSpec.Resources r = resources(HostConfig.newBuilder().setMemory(33554432).setMemorySwap(67108864)
                .setMemoryReservation(16777216).build());
        assertThat(r.memory()).isEqualTo(new OciSpec.Memory(33554432L, 16777216L, 67108864L));
    }

    @Test
    void of_unlimitedSwap_isNotWritten() {
        OciSpec.Resources r = resources(HostConfig.newBuilder().setMemory(33554432).setMemorySwap(-1).build());
        assertThat(r.memory()).isEqualTo(new OciSpec.Memory(33554432L, null, null));
    }

    @Test
    void of_nanoCpus_becomeAQuotaOver100ms() {
        OciSpec.Resources r = resources(HostConfig.newBuilder().setNanoCpus(1_500_000_000L).setCpuShares(512).build());
        assertThat(r.cpu()).isEqualTo(new OciSpec.Cpu(512L, 150000L, 100000L, null, null));
    }

    @Test
    void of_explicitPeriodQuotaAndCpuset() {
        OciSpec.Resources r = resources(HostConfig.newBuilder().setCpuPeriod(50000).setCpuQuota(25000)
                .setCpusetCpus("0").setCpusetMems("0").build());
        assertThat(r.cpu()).isEqualTo(new OciSpec.Cpu(null, 25000L, 50000L, "0", "0"));
    }

    @Test
    void of_pidsAndBlkioWeight() {
        OciSpec.Resources r = resources(HostConfig.newBuilder().setPidsLimit(10).setBlkioWeight(300).build());
        assertThat(r.pids()).isEqualTo(new OciSpec.Pids(10));
        assertThat(r.blockIO()).isEqualTo(new OciSpec.BlockIO(300));
    }

    @Test
    void of_asConfigJson_usesTheRuntimeSpecNames() {
        OciSpec spec = OciSpecFactory.build(List.of(CgroupResources.of(HostConfig.newBuilder().setMemory(33554432)
                .setNanoCpus(1_000_000_000L).setPidsLimit(10).setBlkioWeight(300).build())));
        JsonNode json = new JsonMapper().valueToTree(spec).path("linux").path("resources");
        assertThat(json.path("memory").path("limit").asLong()).isEqualTo(33554432);
        assertThat(json.path("memory").has("swap")).isFalse();
        assertThat(json.path("cpu").path("quota").asLong()).isEqualTo(100000);
        assertThat(json.path("cpu").path("period").asLong()).isEqualTo(100000);
        assertThat(json.path("pids").path("limit").asLong()).isEqualTo(10);
        assertThat(json.path("blockIO").path("weight").asInt()).isEqualTo(300);
    }
}

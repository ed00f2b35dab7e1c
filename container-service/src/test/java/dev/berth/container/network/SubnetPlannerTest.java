package dev.berth.container.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;
import dev.berth.common.net.Ipv4Subnet;

class SubnetPlannerTest {

    private static final List<NetworkProperties.Pool> POOLS = new NetworkProperties(null).pools();

    private static List<Ipv4Subnet> subnets(String... cidrs) {
        return List.of(cidrs).stream().map(Ipv4Subnet::parse).toList();
    }

    @Test
    void withoutASubnet_theFirstPoolSubnetClearOfNetworksAndRoutes_andItsFirstAddressAsGateway() {
        assertThat(SubnetPlanner.plan("", "", POOLS, List.of(), List.of()))
                .isEqualTo(new SubnetPlanner.Plan("172.18.0.0/16", "172.18.0.1"));
        assertThat(SubnetPlanner.plan("", "", POOLS, subnets("172.18.0.0/16"), subnets("172.19.5.0/24")))
                .isEqualTo(new SubnetPlanner.Plan("172.20.0.0/16", "172.20.0.1"));
    }

    @Test
    void thePoolsCutIntoTheirSize_andExhaustedPoolsAreAnError() {
        List<NetworkProperties.Pool> small = List.of(new NetworkProperties.Pool("192.168.0.0/23", 24));
        assertThat(SubnetPlanner.plan("", "", small, subnets("192.168.0.0/24"), List.of()).subnet())
                .isEqualTo("192.168.1.0/24");
        assertThatThrownBy(() -> SubnetPlanner.plan("", "", small, subnets("192.168.0.0/23"), List.of()))
                .hasMessageContaining("could not find an available, non-overlapping IPv4 address pool");
    }

    @Test
    void anAskedSubnet_isCheckedAsDockerChecksIt() {
        assertThat(SubnetPlanner.plan("10.5.0.0/24", "10.5.0.254", POOLS, List.of(), List.of()))
                .isEqualTo(new SubnetPlanner.Plan("10.5.0.0/24", "10.5.0.254"));
        assertThatThrownBy(() -> SubnetPlanner.plan("10.5.0.128/25", "", POOLS, subnets("10.5.0.0/24"), List.of()))
                .isInstanceOf(BerthException.class).hasMessage("Pool overlaps with other one on this address space")
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(BerthException.Kind.PERMISSION_DENIED);
        assertThatThrownBy(() -> SubnetPlanner.plan("10.5.0.0/24", "10.6.0.1", POOLS, List.of(), List.of()))
                .hasMessage("no matching subnet for gateway 10.6.0.1");
        assertThatThrownBy(() -> SubnetPlanner.plan("", "10.6.0.1", POOLS, List.of(), List.of()))
                .hasMessage("no matching subnet for gateway 10.6.0.1");
        assertThatThrownBy(() -> SubnetPlanner.plan("banana", "", POOLS, List.of(), List.of()))
                .hasMessage("invalid CIDR address: banana");
        assertThatThrownBy(() -> SubnetPlanner.plan("fd00::/64", "", POOLS, List.of(), List.of()))
                .hasMessageContaining("IPv6");
        assertThatThrownBy(() -> SubnetPlanner.plan("10.5.0.0/31", "", POOLS, List.of(), List.of()))
                .hasMessageContaining("room for a gateway");
    }

    @Test
    void aSubnetIsKeptInItsCanonicalForm() {
        assertThat(SubnetPlanner.plan("10.5.0.7/24", "", POOLS, List.of(), List.of()))
                .isEqualTo(new SubnetPlanner.Plan("10.5.0.0/24", "10.5.0.1"));
    }
}

package dev.berth.node.network;

import dev.berth.common.net.HostRoutes;
import dev.berth.common.net.Ipv4Subnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4SubnetTest {

    @Test
    void parse_normalisesAndGivesTheFirstHostAsGateway() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("172.31.5.9/16");

        assertThat(subnet).hasToString("172.31.0.0/16");
        assertThat(subnet.gateway()).isEqualTo("172.31.0.1");
    }

    @Test
    void overlaps_whenEitherHoldsTheOther() {
        Ipv4Subnet wide = Ipv4Subnet.parse("10.0.0.0/8");

        assertThat(wide.overlaps(Ipv4Subnet.parse("10.231.0.0/16"))).isTrue();
        assertThat(Ipv4Subnet.parse("10.231.0.0/16").overlaps(wide)).isTrue();
        assertThat(Ipv4Subnet.parse("172.31.0.0/16").overlaps(Ipv4Subnet.parse("172.30.0.0/16"))).isFalse();
    }

    @Test
    void parse_refusesWhatIsNotASubnet() {
        assertThatThrownBy(() -> Ipv4Subnet.parse("172.31.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Subnet.parse("300.1.1.1/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Subnet.parse("1.1.1.1/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostRoutes_parseProcNetRoute_withoutTheDefaultRoute() {
        String table = """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0
                eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
                br0	00001FAC	00000000	0001	0	0	0	0000FFFF	0	0	0
                """;

        assertThat(HostRoutes.parse(table)).containsExactly(Ipv4Subnet.parse("192.0.2.0/24"), Ipv4Subnet.parse("172.31.0.0/16"));
    }

    @Test
    void defaultBridge_takesTheFirstPoolNoRouteClashesWith() {
        List<Ipv4Subnet> routes = List.of(Ipv4Subnet.parse("172.31.0.0/16"), Ipv4Subnet.parse("192.0.2.0/24"));

        assertThat(DefaultBridge.choose(List.of("172.31.0.0/16", "172.30.0.0/16"), routes))
                .isEqualTo(Ipv4Subnet.parse("172.30.0.0/16"));
        assertThatThrownBy(() -> DefaultBridge.choose(List.of("172.31.0.0/16"), routes))
                .hasMessageContaining("clashes with a route");
    }

    @Test
    void networkMode_ofEachKind() {
        assertThat(NetworkMode.of("")).isEqualTo(NetworkMode.BRIDGE);
        assertThat(NetworkMode.of("default")).isEqualTo(NetworkMode.BRIDGE);
        assertThat(NetworkMode.of("none")).isEqualTo(NetworkMode.NONE);
        assertThat(NetworkMode.of("host")).isEqualTo(NetworkMode.HOST);
        assertThat(NetworkMode.of("mynet")).isEqualTo(NetworkMode.USER);
        assertThat(NetworkMode.joinsBridge("mynet")).isTrue();
        assertThat(NetworkMode.joinsBridge("host")).isFalse();
        assertThat(NetworkMode.joinsBridge("container:x")).isFalse();
        assertThat(NetworkMode.of("container:x")).isEqualTo(NetworkMode.CONTAINER);
        assertThat(NetworkMode.CONTAINER.onBridge()).isFalse();
    }
}

package dev.berth.node.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecsTest {

    private static PortBinding binding(String port, String hostIp, String hostPort) {
        return PortBinding.newBuilder().setContainerPort(port).setHostIp(hostIp).setHostPort(hostPort).build();
    }

    @Test
    void parse_defaultsToTcpOnEveryAddressAndAPickedPort() {
        PublishedPort port = PortSpecs.parse(binding("8080", "", ""));

        assertThat(port.getContainerPort()).isEqualTo(8080);
        assertThat(port.getProtocol()).isEqualTo("tcp");
        assertThat(port.getHostIp()).isEqualTo("0.0.0.0");
        assertThat(port.getHostPort()).isZero();
        assertThat(PortSpecs.parse(binding("53/udp", "127.0.0.1", "5353")).getHostPort()).isEqualTo(5353);
    }

    @Test
    void parse_refusesBadSpecsWithDockersWords() {
        assertThatThrownBy(() -> PortSpecs.parse(binding("80/xyz", "", ""))).hasMessage("invalid proto: xyz");
        assertThatThrownBy(() -> PortSpecs.parse(binding("http", "", ""))).hasMessage("invalid containerPort: http");
        assertThatThrownBy(() -> PortSpecs.parse(binding("80", "", "70000"))).hasMessage("invalid hostPort: 70000");
        assertThatThrownBy(() -> PortSpecs.parse(binding("80/sctp", "", ""))).hasMessageContaining("sctp");
    }

    @Test
    void effective_publishAllAddsEveryExposedPortNotBoundYet() {
        List<PortBinding> out = PortSpecs.effective(List.of(binding("80/tcp", "", "8000")), true,
                List.of("80/tcp", "443", "53/udp"));

        assertThat(out).extracting(PortBinding::getContainerPort).containsExactly("80/tcp", "443/tcp", "53/udp");
        assertThat(out.get(1).getHostPort()).isEmpty();
        assertThat(PortSpecs.effective(List.of(), false, List.of("80/tcp"))).isEmpty();
    }
}

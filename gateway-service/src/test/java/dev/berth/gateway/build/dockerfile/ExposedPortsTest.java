package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposedPortsTest {

    @Test
    void keys_defaultProtocolIsTcp_andProtocolsAreLowerCased() {
        assertThat(ExposedPorts.keys(List.of("80", "53/udp", "443/TCP", "9/sctp", "81/")))
                .containsExactly("80/tcp", "53/udp", "443/tcp", "9/sctp", "81/tcp");
    }

    @Test
    void keys_rangeGivesOneKeyPerPort() {
        assertThat(ExposedPorts.keys(List.of("8000-8002", "7000-7000/udp")))
                .containsExactly("8000/tcp", "8001/tcp", "8002/tcp", "7000/udp");
    }

    @Test
    void keys_repeatedPorts_appearOnce() {
        assertThat(ExposedPorts.keys(List.of("80", "80/tcp", "8080"))).containsExactly("80/tcp", "8080/tcp");
    }

    @Test
    void keys_hostMappingForm_exposesTheContainerPort() {
        assertThat(ExposedPorts.keys(List.of("8080:80", "127.0.0.1:5353:53/udp", "9000-9001:7000-7001")))
                .containsExactly("80/tcp", "53/udp", "7000/tcp", "7001/tcp");
    }

    @Test
    void keys_ofAnExposeInstruction_afterSubstitution() {
        Instruction expose = Dockerfile.parse("FROM scratch\nEXPOSE $PORTS 22\n").last().instructions().get(0);
        Instruction.Expose expanded = (Instruction.Expose) Expander.expand(expose,
                VariableLookup.fromEnvList(List.of("PORTS=80 443")));

        // Docker sorts the ports as written, so $PORTS comes before 22.
        assertThat(ExposedPorts.keys(expanded.ports())).containsExactly("80/tcp", "443/tcp", "22/tcp");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "80a          | invalid containerPort: 80a",
            "65536        | invalid containerPort: 65536",
            "-1           | invalid containerPort: -1",
            "8002-8000    | invalid containerPort: 8002-8000",
            "8000-        | invalid containerPort: 8000-",
            "80/tcpx      | invalid proto: tcpx",
            "/udp         | no port specified: /udp<empty>",
            "x:80         | invalid hostPort: x",
            "1-2:7000-7002 | invalid ranges specified for container and host Ports: 7000-7002 and 1-2"
    })
    void keys_refuseWhatDockerRefuses(String spec, String message) {
        assertThatThrownBy(() -> ExposedPorts.keys(List.of(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}

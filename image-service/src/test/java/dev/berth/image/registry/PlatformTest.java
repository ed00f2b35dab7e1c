package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;

class PlatformTest {

    @Test
    void parse_osArch_normalisesGoNames() {
        assertThat(Platform.parse("linux/x86_64")).isEqualTo(new Platform("linux", "amd64", ""));
        assertThat(Platform.parse("linux/aarch64")).isEqualTo(Platform.parse("linux/arm64/v8"));
        assertThat(Platform.parse("linux/arm")).isEqualTo(new Platform("linux", "arm", "v7"));
        assertThat(Platform.parse("linux/arm/6")).isEqualTo(new Platform("linux", "arm", "v6"));
    }

    @Test
    void toString_printsDockersForm() {
        assertThat(Platform.parse("linux/amd64")).hasToString("linux/amd64");
        assertThat(Platform.parse("linux/arm64")).hasToString("linux/arm64/v8");
        assertThat(Platform.parse("linux/arm/v6")).hasToString("linux/arm/v6");
    }

    @Test
    void parse_malformed_failsNamingTheInput() {
        assertThatThrownBy(() -> Platform.parse("linux"))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid platform: linux, expected os/arch[/variant]");
        assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x"))
                .hasMessage("invalid platform: linux/arm/v7/x, expected os/arch[/variant]");
    }

    @Test
    void host_isLinuxWithTheJvmsArchitecture() {
        Platform host = Platform.host();

        assertThat(host.os()).isEqualTo("linux");
        assertThat(host.architecture()).isEqualTo(switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> host.architecture();
        });
    }
}

package dev.berth.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.proto.v1.HealthConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {

    @Test
    void of_cmdShell_runsThroughSh_withDockersDefaults() {
        HealthSettings settings = HealthSettings.of(HealthConfig.newBuilder().addTest("CMD-SHELL").addTest("curl -f x").build());

        assertThat(settings).isEqualTo(new HealthSettings(List.of("/bin/sh", "-c", "curl -f x"), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5), 3));
    }

    @Test
    void of_cmd_runsTheArguments_withTheGivenTimes() {
        HealthSettings settings = HealthSettings.of(HealthConfig.newBuilder().addTest("CMD").addTest("true").addTest("x")
                .setInterval(200_000_000).setTimeout(1_000_000_000).setStartPeriod(2_000_000_000)
                .setStartInterval(100_000_000).setRetries(1).build());

        assertThat(settings).isEqualTo(new HealthSettings(List.of("true", "x"), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100), 1));
    }

    @Test
    void of_noneEmptyOrUnknown_runsNothing() {
        assertThat(HealthSettings.of(HealthConfig.newBuilder().addTest("NONE").build())).isNull();
        assertThat(HealthSettings.of(HealthConfig.getDefaultInstance())).isNull();
        assertThat(HealthSettings.of(HealthConfig.newBuilder().addTest("CMD").build())).isNull();
        assertThat(HealthSettings.of(HealthConfig.newBuilder().addTest("SHELL").addTest("x").build())).isNull();
    }

    @Test
    void goDuration_asGoPrintsIt() {
        assertThat(HealthSettings.goDuration(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(HealthSettings.goDuration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(HealthSettings.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(HealthSettings.goDuration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(HealthSettings.goDuration(Duration.ofHours(1))).isEqualTo("1h0m0s");
    }
}

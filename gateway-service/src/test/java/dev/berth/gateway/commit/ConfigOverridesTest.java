package dev.berth.gateway.commit;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ImageConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigOverridesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static final ImageConfig BASE = CommitController.imageConfigOf(ContainerConfig.newBuilder()
            .addEnv("PATH=/bin").addEnv("MODE=dev").addCmd("sleep").addCmd("300").setHostname("abc")
            .putLabels("a", "1").addExposedPorts("80/tcp").build());

    @Test
    void theContainersConfig_becomesTheImages_withoutItsContainerOnlyFields() {
        assertThat(BASE.getCmdList()).containsExactly("sleep", "300");
        assertThat(BASE.getCmdSet()).isTrue();
        assertThat(BASE.getEntrypointSet()).isFalse();
        assertThat(ConfigOverrides.apply(BASE, null)).isEqualTo(BASE);
        assertThat(ConfigOverrides.apply(BASE, json("null"))).isEqualTo(BASE);
    }

    @Test
    void bodyFields_overTheContainers_envByName() {
        ImageConfig out = ConfigOverrides.apply(BASE, json("""
                {"Cmd":["sh"],"Env":["MODE=prod","NEW=1"],"Labels":{"b":"2"},"ExposedPorts":{"53/udp":{}},
                 "Hostname":"", "Tty":false, "Image":"bb:1", "User":"nobody"}"""));
        assertThat(out.getCmdList()).containsExactly("sh");
        assertThat(out.getEnvList()).containsExactly("PATH=/bin", "MODE=prod", "NEW=1");
        assertThat(out.getLabelsMap()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(out.getExposedPortsList()).containsExactly("80/tcp", "53/udp");
        assertThat(out.getUser()).isEqualTo("nobody");
    }

    @Test
    void fieldsBerthDoesNotTake_areRefusedByName() {
        assertThatThrownBy(() -> ConfigOverrides.apply(BASE, json("{\"Healthcheck\":{\"Test\":[\"NONE\"]}}")))
                .isInstanceOf(DockerApiException.class).hasMessageContaining("Config.Healthcheck");
    }
}

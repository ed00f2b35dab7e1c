package dev.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.ImageConfig;

class ImageProtoMapperTest {

    private static ImageConfig configOf(String runConfigJson) {
        String document = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":" + runConfigJson
                + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        return ImageProtoMapper.config(ImageConfigCodec.decode(document.getBytes(StandardCharsets.UTF_8)).config());
    }

    @Test
    void config_healthcheck_fieldsLeftOutAreZero() {
        ImageConfig config = configOf("{\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":30000000000}}");

        assertThat(config.getHealthcheck()).isEqualTo(HealthConfig.newBuilder().addTest("CMD").addTest("true")
                .setInterval(30_000_000_000L).build());
    }

    @Test
    void config_allHealthcheckFields() {
        ImageConfig config = configOf("{\"Healthcheck\":{\"Test\":[\"NONE\"],\"Interval\":1,\"Timeout\":2,"
                + "\"StartPeriod\":3,\"StartInterval\":4,\"Retries\":5}}");

        assertThat(config.getHealthcheck()).isEqualTo(HealthConfig.newBuilder().addTest("NONE").setInterval(1)
                .setTimeout(2).setStartPeriod(3).setStartInterval(4).setRetries(5).build());
    }

    @Test
    void config_withoutHealthcheck_hasNone() {
        assertThat(configOf("{\"Cmd\":[\"sh\"]}").hasHealthcheck()).isFalse();
    }
}

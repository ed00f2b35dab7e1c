package dev.berth.node.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.proto.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResourceUpdateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void resources_onlyTheLimitsSet() {
        JsonNode resources = ResourceUpdate.resources(HostConfig.newBuilder().setMemory(96L << 20)
                .setMemorySwap(128L << 20).setPidsLimit(50).build());

        assertThat(resources.toString()).isEqualTo(
                "{\"memory\":{\"limit\":100663296,\"swap\":134217728},\"pids\":{\"limit\":50}}");
    }

    @Test
    void rewrite_replacesTheLimits_keepsDevicesAndTheRest() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"ociVersion\":\"1.0.2\",\"linux\":{\"cgroupsPath\":\"/berth/c\",\"resources\":"
                + "{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],\"memory\":{\"limit\":67108864},"
                + "\"cpu\":{\"shares\":512}}}}");

        ResourceUpdate.rewrite(config, HostConfig.newBuilder().setMemory(96L << 20).build());

        JsonNode spec = JSON.readTree(Files.readString(config));
        assertThat(spec.path("ociVersion").asString()).isEqualTo("1.0.2");
        assertThat(spec.path("linux").path("cgroupsPath").asString()).isEqualTo("/berth/c");
        assertThat(spec.path("linux").path("resources").toString()).isEqualTo(
                "{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],\"memory\":{\"limit\":100663296}}");
    }
}

package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SizeRw and SizeRootFs: a container that wrote 1 MiB into its writable layer, seen through
 * `docker ps --size`, `docker inspect --size`, the raw API and `docker system df`.
 */
class ContainerSizeE2ETest {

    private static final String NAME = "size-" + UUID.randomUUID().toString().substring(0, 8);
    private static final long MIB = 1_048_576;
    private static String image;

    @BeforeAll
    static void writeOneMebibyte() {
        image = TestImages.busybox();
        ok(docker("run", "--name", NAME, image, "sh", "-c", "head -c 1048576 /dev/zero > /f"));
    }

    @AfterAll
    static void remove() {
        docker("rm", "-f", NAME);
    }

    private static void ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static long imageSize() {
        return EngineApi.json(EngineApi.get("/images/" + image + "/json")).get("Size").asLong();
    }

    @Test
    void ps_size_showsTheWritableLayerAndTheVirtualSize() {
        CommandResult ps = docker("ps", "-a", "--size", "--filter", "name=" + NAME, "--format", "{{.Size}}");
        ok(ps);
        assertThat(ps.stdout()).matches("1\\.05MB \\(virtual [0-9.]+[kM]?B\\)\n");
    }

    @Test
    void inspect_size_hasSizeRwAndSizeRootFs() {
        CommandResult rw = docker("inspect", "--size", "-f", "{{.SizeRw}} {{.SizeRootFs}}", NAME);
        ok(rw);
        String[] sizes = rw.stdout().strip().split(" ");
        long sizeRw = Long.parseLong(sizes[0]);
        assertThat(sizeRw).isBetween(MIB, MIB + 4096);
        assertThat(Long.parseLong(sizes[1])).isEqualTo(sizeRw + imageSize());
    }

    @Test
    void api_sizesAbsentUnlessAsked() {
        JsonNode inspected = EngineApi.json(EngineApi.get("/containers/" + NAME + "/json"));
        assertThat(inspected.has("SizeRw")).isFalse();
        assertThat(inspected.has("SizeRootFs")).isFalse();

        String filter = "{\"name\":[\"" + NAME + "\"]}";
        JsonNode plain = EngineApi.json(EngineApi.get("/containers/json?all=1&filters=" + encode(filter)));
        assertThat(plain.get(0).has("SizeRw")).isFalse();
        JsonNode sized = EngineApi.json(EngineApi.get("/containers/json?all=1&size=1&filters=" + encode(filter)));
        assertThat(sized.get(0).get("SizeRw").asLong()).isGreaterThanOrEqualTo(MIB);
        assertThat(sized.get(0).get("SizeRootFs").asLong())
                .isEqualTo(sized.get(0).get("SizeRw").asLong() + imageSize());
    }

    @Test
    void systemDf_containersHaveTheirSizes() {
        JsonNode df = EngineApi.json(EngineApi.get("/system/df?type=container"));
        JsonNode mine = null;
        for (JsonNode c : df.get("Containers")) {
            if (c.get("Names").get(0).asString().equals("/" + NAME)) {
                mine = c;
            }
        }
        assertThat(mine).as("our container in %s", df).isNotNull();
        assertThat(mine.get("SizeRw").asLong()).isGreaterThanOrEqualTo(MIB);
        assertThat(mine.get("SizeRootFs").asLong()).isGreaterThan(mine.get("SizeRw").asLong());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}

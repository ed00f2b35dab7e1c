package dev.berth.gateway.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.gateway.api.DockerApiException;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class BuildOptionsTest {

    /** What the docker CLI 28 sends for `docker build -t app -t app:2 --build-arg A=1 .`, zero values included. */
    private static MultiValueMap<String, String> cliQuery() {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("buildargs", "{\"A\":\"1\"}");
        query.add("cachefrom", "[]");
        query.add("cgroupparent", "");
        query.add("cpuperiod", "0");
        query.add("cpuquota", "0");
        query.add("cpusetcpus", "");
        query.add("cpusetmems", "");
        query.add("cpushares", "0");
        query.add("dockerfile", "Dockerfile");
        query.add("labels", "{}");
        query.add("memory", "0");
        query.add("memswap", "0");
        query.add("networkmode", "default");
        query.add("rm", "1");
        query.add("shmsize", "0");
        query.add("t", "app");
        query.add("t", "app:2");
        query.add("target", "");
        query.add("ulimits", "null");
        query.add("version", "1");
        return query;
    }

    @Test
    void theClisZeroValues_areAccepted() {
        BuildOptions options = BuildOptions.read(cliQuery());
        assertThat(options.tags()).containsExactly("app", "app:2");
        assertThat(options.buildArgs()).containsEntry("A", "1");
        assertThat(options.quiet()).isFalse();
        assertThat(options.networkMode()).isEqualTo("default");
    }

    @Test
    void whatBerthDoesNotHonour_isRefusedByItsName() {
        MultiValueMap<String, String> memory = cliQuery();
        memory.set("memory", "1073741824");
        assertThatThrownBy(() -> BuildOptions.read(memory)).isInstanceOf(DockerApiException.class)
                .hasMessageContaining("--memory");
        MultiValueMap<String, String> buildkit = cliQuery();
        buildkit.set("version", "2");
        assertThatThrownBy(() -> BuildOptions.read(buildkit)).hasMessageContaining("BuildKit");
        MultiValueMap<String, String> cacheFrom = cliQuery();
        cacheFrom.set("cachefrom", "[\"app:1\"]");
        assertThatThrownBy(() -> BuildOptions.read(cacheFrom)).hasMessageContaining("--cache-from");
        MultiValueMap<String, String> keep = cliQuery();
        keep.set("rm", "0");
        assertThatThrownBy(() -> BuildOptions.read(keep)).hasMessageContaining("--rm=false");
        MultiValueMap<String, String> arm = cliQuery();
        arm.set("platform", HostPlatform.architecture().equals("arm64") ? "linux/amd64" : "linux/arm64");
        assertThatThrownBy(() -> BuildOptions.read(arm)).hasMessageContaining("--platform");
        MultiValueMap<String, String> host = cliQuery();
        host.set("platform", "linux/" + HostPlatform.architecture());
        assertThat(BuildOptions.read(host).networkMode()).isEqualTo("default");
        MultiValueMap<String, String> network = cliQuery();
        network.set("networkmode", "container:x");
        assertThatThrownBy(() -> BuildOptions.read(network)).hasMessageContaining("--network container:x");
    }

    @Test
    void badJson_inBuildArgs_isABadRequest() {
        MultiValueMap<String, String> query = cliQuery();
        query.set("buildargs", "{not json");
        assertThatThrownBy(() -> BuildOptions.read(query)).isInstanceOf(DockerApiException.class)
                .hasMessageContaining("invalid buildargs");
    }
}

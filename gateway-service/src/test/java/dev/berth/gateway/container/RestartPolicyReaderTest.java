package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.RestartPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartPolicyReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RestartPolicy read(String hostConfig) {
        return RestartPolicyReader.read(JSON.readTree(hostConfig));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "always         | 0 | always         | 0",
            "unless-stopped | 0 | unless-stopped | 0",
            "on-failure     | 0 | on-failure     | 0",
            "on-failure     | 3 | on-failure     | 3",
    })
    void read_policiesDockerKnows(String name, int retries, String expectedName, int expectedRetries) {
        RestartPolicy policy = read("{\"RestartPolicy\":{\"Name\":\"" + name + "\",\"MaximumRetryCount\":" + retries + "}}");
        assertThat(policy.getName()).isEqualTo(expectedName);
        assertThat(policy.getMaximumRetryCount()).isEqualTo(expectedRetries);
    }

    @Test
    void read_noOrEmptyOrAbsent_isTheDefault() {
        assertThat(read("{\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}}")).isEqualTo(RestartPolicy.getDefaultInstance());
        assertThat(read("{\"RestartPolicy\":{\"Name\":\"\",\"MaximumRetryCount\":5}}")).isEqualTo(RestartPolicy.getDefaultInstance());
        assertThat(read("{}")).isEqualTo(RestartPolicy.getDefaultInstance());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "always     | 2  | invalid restart policy: maximum retry count can only be used with 'on-failure'",
            "no         | -1 | invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative",
            "on-failure | -1 | invalid restart policy: maximum retry count cannot be negative",
            "sometimes  | 0  | invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'",
    })
    void read_badPolicy_isRefusedInDockersWords(String name, int retries, String message) {
        assertThatThrownBy(() -> read("{\"RestartPolicy\":{\"Name\":\"" + name + "\",\"MaximumRetryCount\":" + retries + "}}"))
                .isInstanceOf(DockerApiException.class).hasMessage(message);
    }

    @Test
    void read_withAutoRemove_isRefused() {
        JsonNode host = JSON.readTree("{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}");
        assertThatThrownBy(() -> RestartPolicyReader.read(host)).isInstanceOf(DockerApiException.class)
                .hasMessage("can't create 'AutoRemove' container with restart policy");
    }
}

package dev.berth.gateway.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.UpdateContainerRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UpdateRequestReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What docker CLI 28 sends for `docker update --memory 96m c` (the other fields at their zero values). */
    private static final String CLI_MEMORY = "{\"CpuShares\":0,\"Memory\":100663296,\"NanoCpus\":0,\"CgroupParent\":\"\","
            + "\"BlkioWeight\":0,\"BlkioWeightDevice\":null,\"BlkioDeviceReadBps\":null,\"BlkioDeviceWriteBps\":null,"
            + "\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteIOps\":null,\"CpuPeriod\":0,\"CpuQuota\":0,"
            + "\"CpuRealtimePeriod\":0,\"CpuRealtimeRuntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":null,"
            + "\"DeviceCgroupRules\":null,\"DeviceRequests\":null,\"MemoryReservation\":0,\"MemorySwap\":0,"
            + "\"MemorySwappiness\":null,\"OomKillDisable\":null,\"PidsLimit\":null,\"Ulimits\":null,\"CpuCount\":0,"
            + "\"CpuPercent\":0,\"IOMaximumIOps\":0,\"IOMaximumBandwidth\":0,"
            + "\"RestartPolicy\":{\"Name\":\"\",\"MaximumRetryCount\":0}}";

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void read_cliMemoryUpdate_carriesTheSetFields() {
        UpdateContainerRequest request = UpdateRequestReader.read("c", json(CLI_MEMORY));

        assertThat(request.getRef()).isEqualTo("c");
        assertThat(request.getMemory()).isEqualTo(100663296);
        assertThat(request.hasPidsLimit()).isFalse();
        assertThat(request.getCpusetCpus()).isEmpty();
    }

    @Test
    void read_restartPolicy_isCarried() {
        String body = CLI_MEMORY.replace("\"RestartPolicy\":{\"Name\":\"\"", "\"RestartPolicy\":{\"Name\":\"on-failure\"")
                .replace("\"MaximumRetryCount\":0", "\"MaximumRetryCount\":3");

        UpdateContainerRequest request = UpdateRequestReader.read("c", json(body));
        assertThat(request.getRestartPolicy().getName()).isEqualTo("on-failure");
        assertThat(request.getRestartPolicy().getMaximumRetryCount()).isEqualTo(3);
        assertThat(UpdateRequestReader.read("c", json(CLI_MEMORY)).hasRestartPolicy()).isFalse();
    }

    @Test
    void read_restartPolicyNo_isCarriedAsNo() {
        String body = CLI_MEMORY.replace("\"RestartPolicy\":{\"Name\":\"\"", "\"RestartPolicy\":{\"Name\":\"no\"");
        assertThat(UpdateRequestReader.read("c", json(body)).getRestartPolicy().getName()).isEqualTo("no");
    }

    @Test
    void read_badRestartPolicy_isRefusedInDockersWords() {
        String body = CLI_MEMORY.replace("\"RestartPolicy\":{\"Name\":\"\"", "\"RestartPolicy\":{\"Name\":\"always\"")
                .replace("\"MaximumRetryCount\":0", "\"MaximumRetryCount\":3");
        assertThatThrownBy(() -> UpdateRequestReader.read("c", json(body))).isInstanceOf(DockerApiException.class)
                .hasMessage("invalid restart policy: maximum retry count can only be used with 'on-failure'");
    }

    @Test
    void read_unhonouredResourceSet_isRefusedByName() {
        assertThatThrownBy(() -> UpdateRequestReader.read("c", json("{\"KernelMemory\":1000000}")))
                .hasMessage("Berth does not support --kernel-memory (UpdateConfig.KernelMemory) in docker update yet");
        assertThatThrownBy(() -> UpdateRequestReader.read("c", json("{\"OomKillDisable\":true}")))
                .hasMessage("Berth does not support UpdateConfig.OomKillDisable in docker update yet");
    }

    @Test
    void read_pidsLimitAndCpus_given() {
        UpdateContainerRequest request = UpdateRequestReader.read("c",
                json("{\"PidsLimit\":50,\"NanoCpus\":500000000,\"CpusetCpus\":\"0\",\"MemorySwappiness\":-1}"));

        assertThat(request.getPidsLimit()).isEqualTo(50);
        assertThat(request.getNanoCpus()).isEqualTo(500_000_000);
        assertThat(request.getCpusetCpus()).isEqualTo("0");
    }

    @Test
    void read_nonNumber_isBadRequest() {
        assertThatThrownBy(() -> UpdateRequestReader.read("c", json("{\"Memory\":\"lots\"}")))
                .hasMessage("invalid value for Memory: \"lots\"");
    }
}

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.Ulimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class CreateRequestReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A body exactly as the docker CLI 28 sends it (`docker create [options] bb:1 true`). */
    private static ObjectNode cliBody(String name) {
        try (InputStream in = CreateRequestReaderTest.class.getResourceAsStream("/create/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DockerApiException refusal(JsonNode body) {
        return (DockerApiException) catchThrowable(() -> CreateRequestReader.read(body));
    }

    @Test
    void read_cliDefaults_areAccepted() {
        CreateContainerRequest request = CreateRequestReader.read(cliBody("cli-28-run-defaults.json"));
        assertThat(request.getConfig().getCmdList()).containsExactly("true");
        // The CLI's PidsLimit 0 means "no limit"; the node stores it as absent.
        assertThat(request.getHostConfig())
                .isEqualTo(HostConfig.newBuilder().setNetworkMode("default").setPidsLimit(0).build());
    }

    @Test
    void read_resources_asTheCliSendsThem() {
        HostConfig host = CreateRequestReader.read(cliBody("cli-28-run-resources.json")).getHostConfig();
        assertThat(host.getMemory()).isEqualTo(33554432);
        assertThat(host.getNanoCpus()).isEqualTo(1_500_000_000L);
        assertThat(host.getCpuShares()).isEqualTo(512);
        assertThat(host.getPidsLimit()).isEqualTo(10);
        assertThat(host.getBlkioWeight()).isEqualTo(300);
    }

    @Test
    void read_pidsLimit_nullIsAbsent() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        ((ObjectNode) body.get("HostConfig")).putNull("PidsLimit");
        assertThat(CreateRequestReader.read(body).getHostConfig().hasPidsLimit()).isFalse();
    }

    @Test
    void read_resourceNotAnInteger_isBadRequest() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        ((ObjectNode) body.get("HostConfig")).put("Memory", "32m");
        assertThatThrownBy(() -> CreateRequestReader.read(body)).isInstanceOf(DockerApiException.class)
                .hasMessage("invalid JSON: HostConfig.Memory must be an integer");
    }

    /** Options a later step will honour: refused by name until then, never dropped. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DeviceCgroupRules | [\"c 1:3 rwm\"]                            | --device-cgroup-rule (HostConfig.DeviceCgroupRules)",
            "MemorySwappiness | 10                                        | --memory-swappiness (HostConfig.MemorySwappiness)",
            "LogConfig   | {\"Type\":\"json-file\",\"Config\":{}}              | --log-driver (HostConfig.LogConfig)",
            "OomKillDisable | true                                        | --oom-kill-disable (HostConfig.OomKillDisable)",
            "Annotations | {\"a\":\"b\"}                                      | --annotation (HostConfig.Annotations)",
            "SomethingNew | 1                                             | HostConfig.SomethingNew",
    })
    void read_unhonouredHostConfigField_isRefusedNamingIt(String field, String value, String named) {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        ((ObjectNode) body.get("HostConfig")).set(field, JSON.readTree(value));
        DockerApiException refused = refusal(body);
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo("Berth does not support " + named + " yet");
    }

    /** -v /data: the CLI puts an anonymous volume into Config.Volumes; container-service makes it. */
    @Test
    void read_configVolumes_areKeptForContainerService() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        body.set("Volumes", JSON.readTree("{\"/data\":{},\"/cache\":{}}"));
        assertThat(CreateRequestReader.read(body).getConfig().getVolumesList()).containsExactlyInAnyOrder("/data", "/cache");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Shell       | [\"/bin/bash\",\"-c\"]          | SHELL (Config.Shell)",
            "MacAddress  | \"02:42:ac:11:00:02\"        | --mac-address (Config.MacAddress)",
    })
    void read_unhonouredConfigField_isRefusedNamingIt(String field, String value, String named) {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        body.set(field, JSON.readTree(value));
        assertThat(refusal(body).getMessage()).isEqualTo("Berth does not support " + named + " yet");
    }

    @Test
    void read_defaultsOfUnhonouredFields_areAccepted() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        ObjectNode host = (ObjectNode) body.get("HostConfig");
        host.set("RestartPolicy", JSON.readTree("{\"Name\":\"\",\"MaximumRetryCount\":0}"));
        host.put("MemorySwappiness", -1);
        host.putNull("Init");
        host.set("ConsoleSize", JSON.readTree("[40,120]"));
        body.set("Healthcheck", JSON.readTree("null"));
        assertThat(CreateRequestReader.read(body).getConfig().getImage()).isEqualTo("bb:1");
    }

    @Test
    void read_configOptions_carriedIntoTheRequest() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        body.put("Domainname", "example.org");
        ObjectNode host = (ObjectNode) body.get("HostConfig");
        host.put("Init", true);
        host.put("ShmSize", 16777216);
        host.put("ReadonlyRootfs", true);
        host.set("Ulimits", JSON.readTree("[{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}]"));
        host.set("Sysctls", JSON.readTree("{\"kernel.shmmax\":\"1048576\"}"));
        host.set("Tmpfs", JSON.readTree("{\"/tmp\":\"size=1m\"}"));
        host.set("GroupAdd", JSON.readTree("[\"audio\",\"1234\"]"));

        CreateContainerRequest request = CreateRequestReader.read(body);

        assertThat(request.getConfig().getDomainname()).isEqualTo("example.org");
        HostConfig h = request.getHostConfig();
        assertThat(h.hasInit()).isTrue();
        assertThat(h.getInit()).isTrue();
        assertThat(h.getShmSize()).isEqualTo(16777216);
        assertThat(h.getReadonlyRootfs()).isTrue();
        assertThat(h.getUlimitsList()).containsExactly(Ulimit.newBuilder().setName("nofile").setSoft(1024).setHard(2048).build());
        assertThat(h.getSysctlsMap()).containsEntry("kernel.shmmax", "1048576");
        assertThat(h.getTmpfsMap()).containsEntry("/tmp", "size=1m");
        assertThat(h.getGroupAddList()).containsExactly("audio", "1234");
    }

    @Test
    void read_initAbsent_staysAbsent_andFalseIsKept() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        assertThat(CreateRequestReader.read(body).getHostConfig().hasInit()).isFalse();
        ((ObjectNode) body.get("HostConfig")).put("Init", false);
        HostConfig h = CreateRequestReader.read(body).getHostConfig();
        assertThat(h.hasInit()).isTrue();
        assertThat(h.getInit()).isFalse();
    }

    @Test
    void read_sysctlValueNotAString_isBadRequest() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        ((ObjectNode) body.get("HostConfig")).set("Sysctls", JSON.readTree("{\"kernel.shmmax\":1}"));
        assertThatThrownBy(() -> CreateRequestReader.read(body)).isInstanceOf(DockerApiException.class)
                .hasMessage("invalid JSON: HostConfig.Sysctls must be an object of strings");
    }

    @Test
    void read_healthcheck_carriedWithItsTimes() {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        body.set("Healthcheck", JSON.readTree("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":200000000,"
                + "\"Timeout\":1000000000,\"StartPeriod\":0,\"StartInterval\":0,\"Retries\":2}"));

        HealthConfig health = CreateRequestReader.read(body).getConfig().getHealthcheck();

        assertThat(health).isEqualTo(HealthConfig.newBuilder().addTest("CMD-SHELL").addTest("true")
                .setInterval(200000000).setTimeout(1000000000).setRetries(2).build());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Test\":[\"CMD\",\"true\"],\"Interval\":1000}      | Interval in Healthcheck cannot be less than 1ms",
            "{\"Test\":[\"CMD\",\"true\"],\"Timeout\":999999}     | Timeout in Healthcheck cannot be less than 1ms",
            "{\"Test\":[\"CMD\",\"true\"],\"StartPeriod\":1}      | StartPeriod in Healthcheck cannot be less than 1ms",
            "{\"Test\":[\"CMD\",\"true\"],\"StartInterval\":1}    | StartInterval in Healthcheck cannot be less than 1ms",
            "{\"Test\":[\"CMD\",\"true\"],\"Retries\":-1}          | Retries in Healthcheck cannot be negative",
            "{\"Test\":[\"SHELL\",\"true\"]}                        | unknown Healthcheck Test type: SHELL (expected NONE, CMD or CMD-SHELL)",
    })
    void read_badHealthcheck_isDockersMessage(String healthcheck, String message) {
        ObjectNode body = cliBody("cli-28-run-defaults.json");
        body.set("Healthcheck", JSON.readTree(healthcheck));
        DockerApiException refused = refusal(body);
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Image\": 5}                                  | Image must be a string",
            "{\"Image\": \"bb:1\", \"Cmd\": [1]}              | Cmd must be a list of strings",
            "{\"Image\": \"bb:1\", \"Env\": {\"A\": \"1\"}}     | Env must be a list of strings",
            "{\"Image\": \"bb:1\", \"Tty\": \"yes\"}            | Tty must be a boolean",
            "{\"Image\": \"bb:1\", \"Labels\": {\"a\": 1}}      | Labels.a must be a string",
            "{\"Image\": \"bb:1\", \"ExposedPorts\": [\"80\"]}  | ExposedPorts must be an object"})
    void read_wrongJsonTypes_areRefused_notCoerced(String body, String message) {
        JsonNode json = JSON.readTree(body);
        assertThatThrownBy(() -> CreateRequestReader.read(json)).isInstanceOf(DockerApiException.class)
                .hasMessage("invalid JSON: " + message);
    }
}

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.HostConfig;
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
            "ReadonlyRootfs | true                                        | --read-only (HostConfig.ReadonlyRootfs)",
            "DeviceCgroupRules | [\"c 1:3 rwm\"]                            | --device-cgroup-rule (HostConfig.DeviceCgroupRules)",
            "RestartPolicy | {\"Name\":\"always\",\"MaximumRetryCount\":0}    | --restart (HostConfig.RestartPolicy)",
            "MemorySwappiness | 10                                        | --memory-swappiness (HostConfig.MemorySwappiness)",
            "LogConfig   | {\"Type\":\"json-file\",\"Config\":{}}              | --log-driver (HostConfig.LogConfig)",
            "Init        | true                                           | --init (HostConfig.Init)",
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Healthcheck | {\"Test\":[\"CMD\",\"true\"]} | --health-cmd (Config.Healthcheck)",
            "Volumes     | {\"/data\":{}}                 | --volume (Config.Volumes)",
            "Domainname  | \"example.org\"              | --domainname (Config.Domainname)",
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
}

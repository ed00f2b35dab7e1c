package dev.berth.gateway;

import dev.berth.gateway.fake.FakeImageService;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.CreateContainerRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain request/response endpoints, over HTTP as a client meets them. */
class GatewayApiTest extends GatewayTestBase {

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void ping_answersOkWithDockerHeaders() throws Exception {
        HttpResponse<String> response = send("GET", "/_ping", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OK");
        assertThat(response.headers().firstValue("Api-Version")).contains("1.44");
        assertThat(response.headers().firstValue("Ostype")).contains("linux");
        assertThat(response.headers().firstValue("Docker-Experimental")).contains("false");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
        assertThat(send("HEAD", "/v1.44/_ping", null).statusCode()).isEqualTo(200);
    }

    @Test
    void version_tooNewAndTooOld_areRefusedWithDockerTexts() throws Exception {
        HttpResponse<String> tooNew = send("GET", "/v1.45/version", null);
        HttpResponse<String> tooOld = send("GET", "/v1.23/containers/json", null);

        assertError(tooNew, 400, "client version 1.45 is too new. Maximum supported API version is 1.44");
        assertError(tooOld, 400, "client version 1.23 is too old. Minimum supported API version is 1.24, "
                + "please upgrade your client to a newer version");
    }

    @Test
    void version_reportsApiVersionsUnderAnyPrefix() throws Exception {
        JsonNode version = JSON.readTree(send("GET", "/v1.24/version", null).body());

        assertThat(version.get("ApiVersion").asString()).isEqualTo("1.44");
        assertThat(version.get("MinAPIVersion").asString()).isEqualTo("1.24");
        assertThat(version.get("Os").asString()).isEqualTo("linux");
        assertThat(version.get("Components").get(0).get("Name").asString()).isEqualTo("Engine");
    }

    @Test
    void info_countsContainersAndImages() throws Exception {
        HttpResponse<String> response = send("GET", "/info", null);
        JsonNode info = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(info.get("Containers").asInt()).isEqualTo(BACKENDS.containers.byId.size());
        assertThat(info.get("Images").asInt()).isEqualTo(1);
        assertThat(info.get("Driver").asString()).isEqualTo("overlay2");
        assertThat(info.get("OSType").asString()).isEqualTo("linux");
    }

    @Test
    void unknownPathAndMethod_arePageNotFound() throws Exception {
        assertError(send("GET", "/v1.44/nosuch/thing", null), 404, "page not found");
        assertError(send("PUT", "/containers/json", null), 404, "page not found");
    }

    @Test
    void malformedUri_refusedByTomcat_isStillJson() throws Exception {
        try (RawHttp raw = new RawHttp(port, "GET /containers/%zz/json HTTP/1.1\r\nHost: docker\r\n\r\n")) {
            String head = raw.readHead();

            assertThat(head).startsWith("HTTP/1.1 400").contains("\r\nContent-Type: application/json\r\n");
            assertThat(new String(raw.readToEnd(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"message\":\"Bad Request\"}");
        }
    }

    @Test
    void create_sendsTheRequestAsAskedAndAnswers201() throws Exception {
        BACKENDS.containers.creates.clear();
        HttpResponse<String> response = send("POST", "/v1.44/containers/create?name=merge1",
                "{\"Image\":\"busybox\",\"Env\":[\"LANG=en\"],\"Labels\":{\"tier\":\"app\"},\"Tty\":true,"
                        + "\"HostConfig\":{\"AutoRemove\":true,\"NetworkMode\":\"bridge\"}}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("Id").asString()).hasSize(64);
        assertThat(body.get("Warnings").isArray()).isTrue();
        CreateContainerRequest sent = BACKENDS.containers.creates.poll(5, TimeUnit.SECONDS);
        assertThat(sent.getName()).isEqualTo("merge1");
        // container-service resolves the image and merges its config: the gateway sends what the client asked.
        assertThat(sent.getConfig().getImage()).isEqualTo("busybox");
        assertThat(sent.getConfig().getEnvList()).containsExactly("LANG=en");
        assertThat(sent.getConfig().getCmdList()).isEmpty();
        assertThat(sent.getEntrypointGiven()).isFalse();
        assertThat(sent.getConfig().getLabelsMap()).isEqualTo(Map.of("tier", "app"));
        assertThat(sent.getConfig().getTty()).isTrue();
        assertThat(sent.getHostConfig().getAutoRemove()).isTrue();
        assertThat(sent.getHostConfig().getNetworkMode()).isEqualTo("bridge");
    }

    @Test
    void create_emptyEntrypointIsSentAsGiven() throws Exception {
        BACKENDS.containers.creates.clear();
        send("POST", "/v1.44/containers/create", "{\"Image\":\"busybox\",\"Entrypoint\":[],\"Cmd\":[\"ls\"]}");

        CreateContainerRequest sent = BACKENDS.containers.creates.poll(5, TimeUnit.SECONDS);
        assertThat(sent.getEntrypointGiven()).isTrue();
        assertThat(sent.getConfig().getEntrypointList()).isEmpty();
        assertThat(sent.getConfig().getCmdList()).containsExactly("ls");
    }

    @Test
    void create_badJson_is400() throws Exception {
        HttpResponse<String> response = send("POST", "/containers/create", "{\"Image\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(JSON.readTree(response.body()).get("message").asString()).startsWith("invalid JSON");
    }

    @Test
    void create_badFieldTypeOrNoBody_is400WithAMessage() throws Exception {
        assertError(send("POST", "/containers/create", "{\"Image\":\"busybox\",\"StopTimeout\":\"abc\"}"), 400,
                "invalid JSON: StopTimeout must be an integer");
        assertError(send("POST", "/containers/create", ""), 400,
                "config cannot be empty in order to create a container");
    }

    @Test
    void inspect_hasDockerShape() throws Exception {
        Container c = BACKENDS.containers.put("inspected", ContainerStatus.CONTAINER_STATUS_RUNNING, false);

        JsonNode body = JSON.readTree(send("GET", "/v1.44/containers/inspected/json", null).body());

        assertThat(body.get("Id").asString()).isEqualTo(c.getId());
        assertThat(body.get("Name").asString()).isEqualTo("/inspected");
        assertThat(body.get("Path").asString()).isEqualTo("sh");
        assertThat(body.get("Args").toString()).isEqualTo("[\"-c\",\"while true; do date; sleep 1; done\"]");
        assertThat(body.get("State").get("Status").asString()).isEqualTo("running");
        assertThat(body.get("State").get("Running").asBoolean()).isTrue();
        assertThat(body.get("State").get("FinishedAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(body.get("NetworkSettings").get("Ports").isObject()).isTrue();
        assertThat(body.get("HostConfig").get("RestartPolicy").get("Name").asString()).isEqualTo("no");
        assertThat(body.get("HostConfig").get("LogConfig").get("Type").asString()).isEqualTo("k8s-file");
        assertThat(body.get("LogPath").asString()).isEqualTo("/var/lib/berth/node/containers/x/ctr.log");
        assertThat(body.get("HostsPath").asString()).isEqualTo("/var/lib/berth/node/containers/x/hosts");
        assertThat(body.get("HostnamePath").asString()).isEqualTo("/var/lib/berth/node/containers/x/hostname");
        assertThat(body.get("ResolvConfPath").asString()).isEqualTo("/var/lib/berth/node/containers/x/resolv.conf");
        assertThat(body.get("ExecIDs").isNull()).isTrue();
        assertThat(body.get("Config").get("Hostname").asString()).isEqualTo(c.getId().substring(0, 12));
    }

    @Test
    void list_showsSummariesWithDockerStatus() throws Exception {
        Container running = BACKENDS.containers.put("lister", ContainerStatus.CONTAINER_STATUS_RUNNING, false);
        Container exited = BACKENDS.containers.put("gone", ContainerStatus.CONTAINER_STATUS_EXITED, false);

        JsonNode all = JSON.readTree(send("GET", "/containers/json?all=1", null).body());
        JsonNode onlyRunning = JSON.readTree(send("GET",
                "/containers/json?filters=%7B%22status%22%3A%7B%22running%22%3Atrue%7D%7D", null).body());

        JsonNode lister = find(all, running.getId());
        assertThat(lister.get("Names").toString()).isEqualTo("[\"/lister\"]");
        assertThat(lister.get("Command").asString()).isEqualTo("sh -c while true; do date; sleep 1; done");
        assertThat(lister.get("State").asString()).isEqualTo("running");
        assertThat(lister.get("Status").asString()).isEqualTo("Up 5 seconds");
        assertThat(lister.get("Ports").isArray()).isTrue();
        assertThat(find(all, exited.getId()).get("Status").asString()).isEqualTo("Exited (3) 2 minutes ago");
        assertThat(onlyRunning.findValuesAsString("State")).containsOnly("running");
    }

    @Test
    void lifecycle_mapsBackendAnswersToDockerStatuses() throws Exception {
        Container c = BACKENDS.containers.put("cycle", ContainerStatus.CONTAINER_STATUS_CREATED, false);

        assertError(send("POST", "/containers/cycle/kill?signal=TERM", null), 409,
                "Container " + c.getId() + " is not running");
        assertThat(send("POST", "/containers/cycle/start", null).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/containers/cycle/start", null).statusCode()).isEqualTo(304);
        assertThat(send("POST", "/containers/cycle/kill?signal=TERM", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/containers/cycle", null).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/containers/cycle?force=1", null).statusCode()).isEqualTo(204);
        assertError(send("GET", "/containers/cycle/json", null), 404, "No such container: cycle");
    }

    @Test
    void images_listAndInspectNamesWithSlashes() throws Exception {
        JsonNode list = JSON.readTree(send("GET", "/v1.44/images/json", null).body());
        JsonNode inspect = JSON.readTree(send("GET", "/v1.44/images/myreg:5000/ns/x:1/json", null).body());

        assertThat(list.get(0).get("Id").asString()).isEqualTo(FakeImageService.BUSYBOX_ID);
        assertThat(list.get(0).get("SharedSize").asInt()).isEqualTo(-1);
        assertThat(list.get(0).get("Created").asLong()).isEqualTo(1_700_000_000L);
        assertThat(inspect.get("RepoTags").toString()).isEqualTo("[\"myreg:5000/ns/x:1\"]");
        assertThat(inspect.get("Created").asString()).isEqualTo("2023-11-14T22:13:20.12Z");
        assertThat(inspect.get("RootFS").get("Layers").toString()).isEqualTo("[\"sha256:" + "2".repeat(64) + "\"]");
        assertThat(inspect.get("GraphDriver").get("Name").asString()).isEqualTo("overlay2");
        assertError(send("GET", "/images/nosuch/json", null), 404, "No such image: nosuch");
    }

    @Test
    void prometheus_exposesRequestTimerAndStreamGauges() throws Exception {
        send("GET", "/_ping", null);

        String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("http_server_requests_seconds_count")
                .contains("berth_gateway_attach_active").contains("berth_gateway_wait_active")
                .contains("berth_gateway_logs_active");
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode entry : list) {
            if (entry.get("Id").asString().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError(id + " not listed in " + list);
    }

    static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().allValues("Content-Type")).isEqualTo(List.of("application/json"));
        assertThat(response.body()).isEqualTo("{\"message\":" + JSON.writeValueAsString(message) + "}");
    }
}

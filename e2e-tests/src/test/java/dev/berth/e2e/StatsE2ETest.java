package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker stats` through the CLI and the raw API: real figures from the container's cgroup. */
class StatsE2ETest {

    private static final String NAME = "e2e-stats";
    private static final String CREATED = "e2e-stats-created";
    private static final long LIMIT = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void runContainer() {
        String image = TestImages.busybox();
        docker("rm", "-f", NAME, CREATED);
        CommandResult run = docker("run", "-d", "--name", NAME, "-m", "64m", image, "sleep", "600");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        CommandResult created = docker("create", "--name", CREATED, image, "true");
        assertThat(created.exitCode()).as(created.toString()).isZero();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", NAME, CREATED);
    }

    @Test
    void noStream_memUsage_isAFigureInsideTheLimit() {
        CommandResult stats = docker("stats", "--no-stream", "--format", "{{.MemUsage}}", NAME);

        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        Matcher usage = Pattern.compile("([0-9.]+)(B|KiB|MiB) / 64MiB\n").matcher(stats.stdout());
        assertThat(usage.matches()).as(stats.stdout()).isTrue();
        double bytes = Double.parseDouble(usage.group(1)) * switch (usage.group(2)) {
            case "KiB" -> 1024;
            case "MiB" -> 1024 * 1024;
            default -> 1;
        };
        assertThat(bytes).isGreaterThan(0).isLessThan(LIMIT);
    }

    @Test
    void oneShot_json_hasCpuPidsAndMemoryFromTheCgroup() {
        HttpResponse<String> response = EngineApi.get("/v1.44/containers/" + NAME + "/stats?stream=false&one-shot=true");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode stats = EngineApi.json(response);
        assertThat(stats.path("name").asString()).isEqualTo("/" + NAME);
        assertThat(stats.path("id").asString()).hasSize(64);
        assertThat(stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()).isPositive();
        assertThat(stats.path("cpu_stats").path("system_cpu_usage").asLong()).isPositive();
        assertThat(stats.path("cpu_stats").path("online_cpus").asInt()).isPositive();
        assertThat(stats.path("pids_stats").path("current").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("memory_stats").path("limit").asLong()).isEqualTo(LIMIT);
        assertThat(stats.path("memory_stats").path("usage").asLong()).isPositive();
        assertThat(stats.path("memory_stats").path("stats").has("total_inactive_file")
                || stats.path("memory_stats").path("stats").has("inactive_file")).isTrue();
        // one-shot: no previous sample
        assertThat(stats.path("preread").asString()).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void noStream_json_isPrimedWithAPreviousSample() {
        HttpResponse<String> response = EngineApi.get("/v1.44/containers/" + NAME + "/stats?stream=false");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stats = EngineApi.json(response);
        Instant read = Instant.parse(stats.path("read").asString());
        Instant preread = Instant.parse(stats.path("preread").asString());
        assertThat(Duration.between(preread, read)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        long pre = stats.path("precpu_stats").path("cpu_usage").path("total_usage").asLong();
        assertThat(pre).isPositive();
        assertThat(stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()).isGreaterThanOrEqualTo(pre);
        assertThat(stats.path("precpu_stats").path("system_cpu_usage").asLong())
                .isLessThan(stats.path("cpu_stats").path("system_cpu_usage").asLong());
    }

    @Test
    void stream_eachSampleCarriesThePreviousAsPrecpu() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + EngineApi.HOST + ":" + EngineApi.PORT
                + "/v1.44/containers/" + NAME + "/stats")).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> samples;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            samples = List.of(JSON.readTree(it.next()), JSON.readTree(it.next()));
        }
        assertThat(samples.get(0).path("preread").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(samples.get(1).path("preread").asString()).isEqualTo(samples.get(0).path("read").asString());
        assertThat(samples.get(1).path("precpu_stats").path("cpu_usage").path("total_usage").asLong())
                .isEqualTo(samples.get(0).path("cpu_stats").path("cpu_usage").path("total_usage").asLong());
    }

    @Test
    void notRunning_isDockersEmptyStats() {
        HttpResponse<String> response = EngineApi.get("/v1.44/containers/" + CREATED + "/stats?stream=false");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stats = EngineApi.json(response);
        assertThat(stats.path("name").asString()).isEqualTo("/" + CREATED);
        assertThat(stats.path("read").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
        CommandResult cli = docker("stats", "--no-stream", "--format", "{{.MemUsage}}|{{.PIDs}}", CREATED);
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.stdout()).isEqualTo("0B / 0B|0\n");
    }

    @Test
    void streamAndOneShot_isBadRequest() {
        HttpResponse<String> response = EngineApi.get("/v1.44/containers/" + NAME + "/stats?stream=true&one-shot=true");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(EngineApi.json(response).path("message").asString()).isEqualTo("cannot have stream=true and one-shot=true");
    }

    @Test
    void unknownContainer_is404() {
        CommandResult cli = docker("stats", "--no-stream", "e2e-stats-nosuch");

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("No such container: e2e-stats-nosuch");
    }
}

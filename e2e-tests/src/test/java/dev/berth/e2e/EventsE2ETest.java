package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static dev.berth.e2e.support.DockerCli.docker;
import static dev.berth.e2e.support.DockerCli.start;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker events` through the real CLI: stored events between since and until, live ones, filters, errors. */
class EventsE2ETest {

    private static final String LIFE = "e2e-events-life";
    private static final String LIVE = "e2e-events-live";
    private static final String EXEC = "e2e-events-exec";
    private static final String SIGNALS = "e2e-events-signals";
    private static final String RESTART = "e2e-events-restart";
    private static final String VERBS = "e2e-events-verbs";
    private static final String RENAMED = "e2e-events-renamed";
    private static final String TAG = "e2e-events:tagged";
    /** container-service's metrics: how many watches are open. */
    private static final URI WATCHERS = URI.create("http://127.0.0.1:8102/actuator/prometheus");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String image;

    @BeforeAll
    static void image() {
        image = TestImages.busybox();
        docker("rm", "-f", LIFE, LIVE, EXEC, SIGNALS, RESTART, VERBS, RENAMED);
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", LIFE, LIVE, EXEC, SIGNALS, RESTART, VERBS, RENAMED);
        docker("rmi", TAG);
    }

    @Test
    void events_betweenSinceAndUntil_showTheLifecycleInOrder() {
        String since = now();
        assertOk(docker("create", "--name", LIFE, "--label", "e2e-events=life", image, "sh", "-c", "exit 3"));
        assertOk(docker("start", LIFE));
        assertThat(docker("wait", LIFE).stdout()).isEqualTo("3\n");
        assertOk(docker("rm", LIFE));
        String until = now();

        CommandResult events = docker("events", "--filter", "container=" + LIFE, "--filter", "label=e2e-events=life",
                "--since", since, "--until", until, "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}");
        assertOk(events);
        assertThat(events.stdout().lines().toList())
                .containsExactly("create ", "start ", "die 3", "destroy ");
    }

    @Test
    void events_json_hasDockersShape() throws Exception {
        String since = now();
        assertOk(docker("create", "--name", LIFE + "-json", "--label", "e2e-events=json", image, "true"));
        assertOk(docker("rm", LIFE + "-json"));
        String filters = URLEncoder.encode("{\"container\":{\"" + LIFE + "-json\":true},\"event\":{\"create\":true}}",
                StandardCharsets.UTF_8);
        HttpResponse<String> response = EngineApi.get("/events?since=" + since + "&until=" + now()
                + "&filters=" + filters);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        List<String> lines = response.body().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(lines).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertThat(fieldNames(event)).containsExactly(
                "status", "id", "from", "Type", "Action", "Actor", "scope", "time", "timeNano");
        assertThat(event.get("Type").asString()).isEqualTo("container");
        assertThat(event.get("Action").asString()).isEqualTo("create");
        assertThat(event.get("status").asString()).isEqualTo("create");
        assertThat(event.get("id").asString()).hasSize(64).isEqualTo(event.at("/Actor/ID").asString());
        assertThat(event.get("from").asString()).isEqualTo(image);
        assertThat(event.get("scope").asString()).isEqualTo("local");
        assertThat(event.at("/Actor/Attributes/name").asString()).isEqualTo(LIFE + "-json");
        assertThat(event.at("/Actor/Attributes/image").asString()).isEqualTo(image);
        assertThat(event.at("/Actor/Attributes/e2e-events").asString()).isEqualTo("json");
        assertThat(event.get("timeNano").asLong() / 1_000_000_000L).isEqualTo(event.get("time").asLong());
    }

    @Test
    void events_live_seeARunAsItHappens_andTheWatchEndsWithTheClient() throws Exception {
        int before = watchers();
        Process watch = start("events", "--filter", "type=container", "--filter", "container=" + LIVE,
                "--format", "{{.Action}}");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    seen.add(line);
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
        });
        reader.start();
        try {
            Waits.until("the events watch to be open", Duration.ofSeconds(20), () -> watchers() > before);
            assertOk(docker("run", "--rm", "--name", LIVE, image, "true"));
            Waits.until("create, start, die and destroy of " + LIVE + " in " + seen, Duration.ofSeconds(20),
                    () -> seen.contains("destroy"));
            List<String> lifecycle = new ArrayList<>(seen);
            lifecycle.retainAll(List.of("create", "start", "die", "destroy"));
            assertThat(lifecycle).containsExactly("create", "start", "die", "destroy");
            assertThat(seen).contains("attach");
            assertThat(watch.isAlive()).as("docker events still streaming").isTrue();
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
        Waits.until("the watch to end with its client", Duration.ofSeconds(20), () -> watchers() <= before);
    }

    @Test
    void events_killAndForcedRemoval_nameTheSignalsByNumber() {
        assertOk(docker("run", "-d", "--name", SIGNALS, image, "sleep", "600"));
        String since = now();
        // PID 1 without a handler ignores SIGUSR1: the container keeps running
        assertOk(docker("kill", "--signal", "USR1", SIGNALS));
        assertOk(docker("rm", "-f", SIGNALS));
        CommandResult events = docker("events", "--filter", "container=" + SIGNALS, "--since", since,
                "--until", now(), "--format",
                "{{.Action}}|{{index .Actor.Attributes \"signal\"}}|{{index .Actor.Attributes \"exitCode\"}}");
        assertOk(events);
        assertThat(events.stdout().lines().toList())
                .containsExactly("kill|10|", "kill|9|", "die||137", "destroy||");
    }

    @Test
    void events_restart_stopsThenStarts() {
        assertOk(docker("run", "-d", "--name", RESTART, image, "sleep", "600"));
        String since = now();
        assertOk(docker("restart", "-t", "0", RESTART));
        CommandResult events = docker("events", "--filter", "container=" + RESTART, "--since", since,
                "--until", now(), "--format", "{{.Action}}");
        assertOk(events);
        List<String> actions = new ArrayList<>(events.stdout().lines().toList());
        assertThat(actions).first().isEqualTo("kill");
        actions.retainAll(List.of("die", "stop", "start", "restart"));
        assertThat(actions).containsExactly("die", "stop", "start", "restart");
    }

    @Test
    void events_pauseUnpauseUpdateAndRename_eachNameTheContainerAsItWasThen() {
        String since = now();
        CommandResult run = docker("run", "-d", "--name", VERBS, image, "sleep", "600");
        assertOk(run);
        String id = run.stdout().trim();
        assertOk(docker("pause", VERBS));
        assertOk(docker("unpause", VERBS));
        assertOk(docker("update", "--cpu-shares", "512", VERBS));
        assertOk(docker("rename", VERBS, RENAMED));
        String until = now();
        CommandResult events = docker("events", "--filter", "container=" + id, "--since", since, "--until", until,
                "--format", "{{.Action}} {{index .Actor.Attributes \"name\"}} {{index .Actor.Attributes \"oldName\"}}");
        assertOk(events);
        assertThat(events.stdout().lines().toList()).containsSubsequence(
                "create " + VERBS + " ", "start " + VERBS + " ", "pause " + VERBS + " ", "unpause " + VERBS + " ",
                "update " + VERBS + " ", "rename " + RENAMED + " /" + VERBS);
    }

    @Test
    void events_typeImage_showTagAndUntag() {
        String since = now();
        assertOk(docker("tag", image, TAG));
        assertOk(docker("rmi", TAG));
        CommandResult events = docker("events", "--filter", "type=image", "--since", since, "--until", now(),
                "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
        assertOk(events);
        List<String> lines = events.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("image tag " + TAG);
        assertThat(lines.get(1)).startsWith("image untag sha256:");
    }

    @Test
    void events_exec_showCreateStartAndDieWithTheExitCode() {
        assertOk(docker("run", "-d", "--name", EXEC, image, "sleep", "600"));
        String since = now();
        assertThat(docker("exec", EXEC, "sh", "-c", "exit 5").exitCode()).isEqualTo(5);
        List<String> lines = new ArrayList<>();
        Waits.until("exec_die of " + EXEC + " (seen: " + lines + ")", Duration.ofSeconds(20), () -> {
            CommandResult events = docker("events", "--filter", "container=" + EXEC, "--since", since,
                    "--until", now(), "--format", "{{.Action}}|{{index .Actor.Attributes \"exitCode\"}}");
            lines.clear();
            lines.addAll(events.stdout().lines().toList());
            return lines.stream().anyMatch(l -> l.startsWith("exec_die"));
        });
        assertThat(lines).containsExactly(
                "exec_create: sh -c exit 5|", "exec_start: sh -c exit 5|", "exec_die|5");
        CommandResult byPrefix = docker("events", "--filter", "container=" + EXEC, "--filter", "event=exec_start",
                "--since", since, "--until", now(), "--format", "{{.Action}}");
        assertThat(byPrefix.stdout()).isEqualTo("exec_start: sh -c exit 5\n");
    }

    @Test
    void events_detachedExec_hasItsExecDie() {
        String container = EXEC + "-detached";
        docker("rm", "-f", container);
        assertOk(docker("run", "-d", "--name", container, image, "sleep", "600"));
        try {
            String since = now();
            assertOk(docker("exec", "-d", container, "sh", "-c", "exit 4"));
            Waits.until("exec_die of the detached exec", Duration.ofSeconds(20), () -> docker("events",
                    "--filter", "container=" + container, "--filter", "event=exec_die", "--since", since,
                    "--until", now(), "--format", "{{index .Actor.Attributes \"exitCode\"}}").stdout().equals("4\n"));
        } finally {
            docker("rm", "-f", container);
        }
    }

    @Test
    void events_unknownFilter_isRefusedWith400() {
        CommandResult events = docker("events", "--filter", "colour=red", "--since", "1", "--until", "2");
        assertThat(events.exitCode()).isEqualTo(1);
        assertThat(events.stderr()).isEqualTo("Error response from daemon: invalid filter 'colour'\n");
        assertThat(EngineApi.get("/events?filters=%7B%22colour%22%3A%5B%22red%22%5D%7D").statusCode()).isEqualTo(400);
    }

    @Test
    void events_sinceAfterUntil_isRefused() {
        CommandResult events = docker("events", "--since", "20", "--until", "10");
        assertThat(events.exitCode()).isEqualTo(1);
        assertThat(events.stderr())
                .isEqualTo("Error response from daemon: `since` time (20) cannot be after `until` time (10)\n");
    }

    private static String now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
    }

    private static int watchers() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(WATCHERS).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("berth_container_events_watchers "))
                    .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
                    .findFirst().orElseThrow(() -> new AssertionError("no watchers gauge in " + WATCHERS));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        names.addAll(node.propertyNames());
        return names;
    }

    private static void assertOk(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}

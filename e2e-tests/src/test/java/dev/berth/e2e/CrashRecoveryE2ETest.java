package dev.berth.e2e;

import dev.berth.e2e.support.BerthHome;
import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of container-service in the middle of a burst of creates, or of runs: every
 * container whose id the CLI printed is there after `bin/berth up`, in the state its answers
 * promised, and no container lives on the node that the engine does not list.
 */
class CrashRecoveryE2ETest {

    private static final String PREFIX = "e2e-crash-";
    private static final int CLIENTS = 6;
    private static final int PER_CLIENT = 8;
    private static final int ANSWERS_BEFORE_KILL = 6;
    private static final Path DATA_ROOT = Path.of(System.getenv().getOrDefault("BERTH_DATA_ROOT", "/var/lib/berth"));
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterEach
    void removeContainers() {
        List<String> ids = docker("ps", "-aq", "--no-trunc", "--filter", "name=" + PREFIX).stdout().lines().toList();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(ids);
            docker(rm.toArray(String[]::new));
        }
    }

    @Test
    void killDuringCreates_keepsEveryAnsweredCreate() {
        Map<String, CommandResult> answered = burstThenKill(i -> new String[] {"create", "--name", PREFIX + i, image, "true"});

        Map<String, String> states = statesOf(printedIds(answered));
        assertThat(states).as("every create the CLI printed an id for").hasSize(printedIds(answered).size())
                .allSatisfy((id, state) -> assertThat(state).as(id).isEqualTo("created"));
        assertNodeHoldsOnlyListedContainers();
    }

    @Test
    void killDuringRuns_keepsEveryAnsweredRunRunning() {
        Map<String, CommandResult> answered = burstThenKill(
                i -> new String[] {"run", "-d", "--name", PREFIX + i, image, "sleep", "300"});

        // `run -d` prints the id once created, then starts: a run that exited 0 was started too.
        Set<String> started = answered.entrySet().stream().filter(e -> e.getValue().exitCode() == 0)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Map<String, String> states = statesOf(printedIds(answered));
        assertThat(states.keySet()).as("every run the CLI printed an id for").containsAll(printedIds(answered));
        assertThat(started).isNotEmpty().allSatisfy(id -> assertThat(states.get(id)).as(id).isEqualTo("running"));
        assertThat(states.values()).as("a run whose start went unanswered either ran or not")
                .allSatisfy(state -> assertThat(state).isIn("created", "running"));
        assertNodeHoldsOnlyListedContainers();
    }

    /**
     * {@value #CLIENTS} clients run the command {@value #PER_CLIENT} times each; container-service
     * is killed once {@value #ANSWERS_BEFORE_KILL} ids have been printed, then brought back.
     * Returns each printed id with the result of the command that printed it.
     */
    private static Map<String, CommandResult> burstThenKill(java.util.function.IntFunction<String[]> command) {
        ConcurrentLinkedQueue<CommandResult> results = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<CompletableFuture<Void>> clients;
        try {
            clients = IntStream.range(0, CLIENTS).mapToObj(client -> CompletableFuture.runAsync(() -> {
                for (int n = 0; n < PER_CLIENT; n++) {
                    CommandResult result = docker(command.apply(client * PER_CLIENT + n));
                    results.add(result);
                    if (result.exitCode() != 0 && idOf(result) == null) {
                        return; // the service is down: this client's burst is over
                    }
                }
            }, pool)).toList();
            Waits.until(ANSWERS_BEFORE_KILL + " answers", Duration.ofMinutes(2),
                    () -> answers(results) >= ANSWERS_BEFORE_KILL || clients.stream().allMatch(CompletableFuture::isDone));
            assertThat(answers(results)).as("answers before the kill: %s", results)
                    .isGreaterThanOrEqualTo(ANSWERS_BEFORE_KILL);
            BerthHome.killService("container-service");
            clients.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }
        BerthHome.up();
        Map<String, CommandResult> byId = new HashMap<>();
        results.forEach(r -> {
            String id = idOf(r);
            if (id != null) {
                byId.put(id, r);
            }
        });
        assertThat(byId).as("ids printed before the kill").hasSizeGreaterThanOrEqualTo(ANSWERS_BEFORE_KILL);
        assertThat(results).as("commands that failed once the service was gone")
                .anyMatch(r -> r.exitCode() != 0);
        return byId;
    }

    private static long answers(Collection<CommandResult> results) {
        return results.stream().filter(r -> idOf(r) != null).count();
    }

    private static Set<String> printedIds(Map<String, CommandResult> answered) {
        return answered.keySet();
    }

    /** The 64-hex id a create or `run -d` printed, or null. */
    private static String idOf(CommandResult result) {
        return result.stdout().lines().map(String::trim).filter(line -> line.matches("[0-9a-f]{64}"))
                .findFirst().orElse(null);
    }

    private static Map<String, String> statesOf(Set<String> ids) {
        Map<String, String> states = new HashMap<>();
        for (String id : ids) {
            CommandResult inspect = docker("inspect", "--format", "{{.State.Status}}", id);
            if (inspect.exitCode() == 0) {
                states.put(id, inspect.stdout().trim());
            } else if (!inspect.stderr().contains("No such object")) {
                throw new AssertionError("docker inspect " + id + " failed\n" + inspect);
            }
        }
        return states;
    }

    /** conmon processes and bundles on the node belong to containers `docker ps -a` lists. */
    private static void assertNodeHoldsOnlyListedContainers() {
        try {
            Waits.until("the node to hold only listed containers", Duration.ofSeconds(60), () -> unlisted().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; not listed: " + unlisted(), e);
        }
    }

    /** conmon processes ("conmon ID") and bundles ("bundle ID") of containers `docker ps -a` does not list. */
    private static Set<String> unlisted() {
        Set<String> listed = new HashSet<>(docker("ps", "-aq", "--no-trunc").stdout().lines().toList());
        Set<String> unlisted = new java.util.TreeSet<>();
        conmonContainerIds().stream().filter(id -> !listed.contains(id)).forEach(id -> unlisted.add("conmon " + id));
        bundleIds().stream().filter(id -> !listed.contains(id)).forEach(id -> unlisted.add("bundle " + id));
        return unlisted;
    }

    private static Set<String> conmonContainerIds() {
        String runRoot = System.getenv().getOrDefault("BERTH_RUN_ROOT", "/run/berth");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(command -> command.endsWith("/conmon")).orElse(false))
                .map(p -> p.info().arguments().map(List::of).orElse(List.of()))
                .filter(args -> args.stream().anyMatch(a -> a.contains(runRoot)) && args.contains("-c"))
                .filter(args -> args.indexOf("-c") + 1 < args.size())
                .map(args -> args.get(args.indexOf("-c") + 1))
                .collect(Collectors.toSet());
    }

    private static Set<String> bundleIds() {
        Path containers = DATA_ROOT.resolve("node/containers");
        if (!Files.isDirectory(containers)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(containers)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.matches("[0-9a-f]{64}"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

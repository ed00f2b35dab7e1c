package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `docker ps` filters through the CLI, on four containers oldest first: one exited 3, one
 * exited 0, one created on network none, one running that exposes 80. Each expectation is
 * what Docker 20.10 lists for the same four.
 */
class ListFiltersE2ETest {

    private static final String SUITE = UUID.randomUUID().toString().substring(0, 8);
    private static final String EXITED_3 = "lf-e3-" + SUITE;
    private static final String EXITED_0 = "lf-e0-" + SUITE;
    private static final String CREATED = "lf-cr-" + SUITE;
    private static final String RUNNING = "lf-up-" + SUITE;
    private static String image;

    @BeforeAll
    static void createContainers() {
        image = TestImages.busybox();
        docker("run", "--name", EXITED_3, "-l", "suite=" + SUITE, "-l", "tier=web", image, "sh", "-c", "exit 3");
        docker("run", "--name", EXITED_0, "-l", "suite=" + SUITE, image, "true");
        ok(docker("create", "--name", CREATED, "--network", "none", "-l", "suite=" + SUITE, image, "true"));
        ok(docker("run", "-d", "--name", RUNNING, "--expose", "80", "-l", "suite=" + SUITE, image, "sleep", "300"));
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", EXITED_3, EXITED_0, CREATED, RUNNING);
    }

    private static void ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    /** The names `docker ps ARGS` lists among this suite's containers, newest first. */
    private static List<String> ps(String... args) {
        List<String> command = new ArrayList<>(List.of("ps", "--format", "{{.Names}}", "--filter", "label=suite=" + SUITE));
        command.addAll(List.of(args));
        CommandResult result = docker(command.toArray(String[]::new));
        ok(result);
        return result.stdout().lines().toList();
    }

    @Test
    void exited_listsOnlyStoppedContainersWithThatCode() {
        assertThat(ps("-a", "--filter", "exited=3")).containsExactly(EXITED_3);
        assertThat(ps("-a", "--filter", "exited=0")).as("not the created one").containsExactly(EXITED_0);
        assertThat(ps("--filter", "exited=3")).as("without -a").isEmpty();
    }

    @Test
    void status_impliesAllAndRefusesUnknownStates() {
        assertThat(ps("--filter", "status=exited")).containsExactly(EXITED_0, EXITED_3);
        assertThat(ps("--filter", "status=created", "--filter", "status=running")).containsExactly(RUNNING, CREATED);

        CommandResult bogus = docker("ps", "--filter", "status=bogus");
        assertThat(bogus.exitCode()).isEqualTo(1);
        assertThat(bogus.stderr()).isEqualTo("Error response from daemon: invalid filter 'status=bogus'\n");
    }

    @Test
    void ancestor_listsTheContainersOfTheImage() {
        assertThat(ps("-a", "--filter", "ancestor=" + image)).containsExactly(RUNNING, CREATED, EXITED_0, EXITED_3);
        assertThat(ps("-a", "--filter", "ancestor=nosuch-" + SUITE)).isEmpty();
    }

    @Test
    void beforeAndSince_takeANameOrId() {
        assertThat(ps("-a", "--filter", "before=" + CREATED)).containsExactly(EXITED_0, EXITED_3);
        assertThat(ps("--filter", "before=" + CREATED)).as("without -a").isEmpty();
        assertThat(ps("-a", "--filter", "since=" + EXITED_0)).containsExactly(RUNNING, CREATED);
        assertThat(ps("--filter", "since=" + EXITED_0)).containsExactly(RUNNING);

        CommandResult unknown = docker("ps", "--filter", "before=nosuch-" + SUITE);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("Error response from daemon: No such container: nosuch-" + SUITE + "\n");
    }

    @Test
    void labels_keyKeyValueAndNot() {
        assertThat(ps("-a", "--filter", "label=tier")).containsExactly(EXITED_3);
        assertThat(ps("-a", "--filter", "label=tier=db")).isEmpty();
        assertThat(ps("-a", "--filter", "label!=tier")).containsExactly(RUNNING, CREATED, EXITED_0);
    }

    @Test
    void networkExposeHealthIsTaskPublishVolume() {
        assertThat(ps("-a", "--filter", "network=none")).containsExactly(CREATED);
        assertThat(ps("-a", "--filter", "expose=80")).containsExactly(RUNNING);
        assertThat(ps("-a", "--filter", "expose=79-81/tcp")).containsExactly(RUNNING);
        assertThat(ps("-a", "--filter", "health=none")).containsExactly(RUNNING, CREATED, EXITED_0, EXITED_3);
        assertThat(ps("-a", "--filter", "is-task=true")).isEmpty();
        assertThat(ps("-a", "--filter", "is-task=false")).hasSize(4);
        assertThat(ps("-a", "--filter", "publish=80")).isEmpty();
        assertThat(ps("-a", "--filter", "volume=/data")).isEmpty();

        CommandResult badHealth = docker("ps", "--filter", "health=sick");
        assertThat(badHealth.stderr()).isEqualTo("Error response from daemon: Unrecognised filter value for health: sick\n");
    }

    @Test
    void lastAndLatest_listTheNewestWhateverTheirState() {
        assertThat(ps("--last", "2")).containsExactly(RUNNING, CREATED);
        assertThat(ps("-l")).containsExactly(RUNNING);
    }
}

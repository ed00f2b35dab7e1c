package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker container prune` through the CLI: only stopped containers, only those the filters pick. */
class ContainerPruneE2ETest {

    private static CommandResult ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static String id(String name) {
        return ok(docker("inspect", "--format", "{{.Id}}", name)).stdout().trim();
    }

    @Test
    void prune_withLabel_removesExactlyTheStoppedContainersWithIt() {
        String image = TestImages.busybox();
        String suite = UUID.randomUUID().toString().substring(0, 8);
        String label = "prune=" + suite;
        docker("run", "--name", "pr-exited-" + suite, "-l", label, image, "true");
        ok(docker("create", "--name", "pr-created-" + suite, "-l", label, image, "true"));
        ok(docker("run", "-d", "--name", "pr-running-" + suite, "-l", label, image, "sleep", "300"));
        docker("run", "--name", "pr-unlabelled-" + suite, image, "true");
        String exited = id("pr-exited-" + suite);
        String created = id("pr-created-" + suite);
        try {
            CommandResult pruned = ok(docker("container", "prune", "-f", "--filter", "label=" + label));

            assertThat(pruned.stdout()).startsWith("Deleted Containers:\n").contains(exited + "\n").contains(created + "\n")
                    .contains("Total reclaimed space:");
            assertThat(pruned.stdout().lines().filter(l -> l.matches("[0-9a-f]{64}")).count()).isEqualTo(2);
            assertThat(ok(docker("ps", "-a", "--filter", "name=pr-.*-" + suite, "--format", "{{.Names}}")).stdout()
                    .lines().sorted().toList())
                    .containsExactly("pr-running-" + suite, "pr-unlabelled-" + suite);
        } finally {
            docker("rm", "-f", "pr-exited-" + suite, "pr-created-" + suite, "pr-running-" + suite,
                    "pr-unlabelled-" + suite);
        }
    }

    @Test
    void prune_untilInThePastAndLabelNot_keepEverythingTheyExclude() {
        String image = TestImages.busybox();
        String suite = UUID.randomUUID().toString().substring(0, 8);
        docker("run", "--name", "pr-keep-" + suite, "-l", "keep=" + suite, "-l", "prune=" + suite, image, "true");
        try {
            ok(docker("container", "prune", "-f", "--filter", "until=1h", "--filter", "label=prune=" + suite));
            ok(docker("container", "prune", "-f", "--filter", "label!=keep=" + suite, "--filter", "label=prune=" + suite));

            assertThat(ok(docker("ps", "-a", "--filter", "name=pr-keep-" + suite, "--format", "{{.Names}}")).stdout())
                    .isEqualTo("pr-keep-" + suite + "\n");
        } finally {
            docker("rm", "-f", "pr-keep-" + suite);
        }
    }

    @Test
    void prune_badFiltersAreDockersErrors() {
        CommandResult badUntil = docker("container", "prune", "-f", "--filter", "until=xyz");
        CommandResult badKey = docker("container", "prune", "-f", "--filter", "status=exited");

        assertThat(badUntil.stderr()).isEqualTo(
                "Error response from daemon: failed to parse value as time or duration: \"xyz\"\n");
        assertThat(badKey.stderr()).isEqualTo("Error response from daemon: invalid filter 'status'\n");
    }
}

package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** Many `docker run`s at once: each gets its own output and exit code. */
class ConcurrencyE2ETest {

    private static final int CONTAINERS = 20;
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @Test
    void twentyRunsAtOnce_allReportTheirOwnExitCodes() {
        long containersBefore = containerCount();
        ExecutorService pool = Executors.newFixedThreadPool(CONTAINERS);
        try {
            List<CompletableFuture<CommandResult>> runs = IntStream.range(0, CONTAINERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> docker("run", "--rm", image, "sh", "-c", "echo run-" + i + "; exit " + (i + 1)), pool))
                    .toList();

            for (int i = 0; i < CONTAINERS; i++) {
                CommandResult result = runs.get(i).join();
                assertThat(result.exitCode()).as("run %d: %s", i, result).isEqualTo(i + 1);
                assertThat(result.stdout()).isEqualTo("run-" + i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(containerCount()).as("--rm removed every container").isEqualTo(containersBefore);
    }

    private static long containerCount() {
        return docker("ps", "-aq").stdout().lines().count();
    }
}

package dev.berth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * What a CI pipeline's owner feels: N Testcontainers GenericContainers one after another, each
 * started with a published port and a log wait, one execInContainer, then stopped. Run by
 * bench/testcontainers once per engine (DOCKER_HOST names the engine); prints one line of figures.
 *
 *   java -cp ... dev.berth.bench.TestcontainersBench IMAGE RUNS
 */
public final class TestcontainersBench {

    private TestcontainersBench() {
    }

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int runs = Integer.parseInt(args[1]);
        oneContainer(image); // warm up: the client's own start-up and the first connection
        List<Long> millis = new ArrayList<>();
        long total = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            oneContainer(image);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        long totalMillis = (System.nanoTime() - total) / 1_000_000;
        Collections.sort(millis);
        System.out.printf("%s median %d ms total %d ms (%d containers, min %d, max %d)%n",
                System.getenv("DOCKER_HOST"), millis.get(millis.size() / 2), totalMillis, runs,
                millis.get(0), millis.get(millis.size() - 1));
    }

    private static void oneContainer(String image) throws Exception {
        try (GenericContainer<?> web = new GenericContainer<>(image)
                .withCommand("sh", "-c", "echo httpd starting; exec httpd -f -p 8080 -h /")
                .withExposedPorts(8080)
                .waitingFor(Wait.forLogMessage(".*httpd starting.*\\n", 1)
                        .withStartupTimeout(Duration.ofSeconds(60)))) {
            web.start();
            if (web.execInContainer("true").getExitCode() != 0) {
                throw new IllegalStateException("exec true failed in " + web.getContainerId());
            }
        }
    }
}

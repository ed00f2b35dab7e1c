package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.ImageArchives;
import dev.berth.e2e.support.RegistryImages;
import dev.berth.e2e.support.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthcheck in the image's config (loaded from a hand-made archive) runs for a container whose
 * request has none, merged field by field with one that has some, and not at all with
 * --no-healthcheck.
 */
class ImageHealthcheckE2ETest {

    private static final String SUITE = UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = "img-health-" + SUITE + ":1";
    private static final String PLAIN = "ih-plain-" + SUITE;
    private static final String MERGED = "ih-merged-" + SUITE;
    private static final String DISABLED = "ih-none-" + SUITE;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void loadImage() throws Exception {
        Path archive = ImageArchives.write(IMAGE, List.of(RegistryImages.busyboxTar()), Map.of(
                "Cmd", List.of("sleep", "60"),
                "Healthcheck", Map.of("Test", List.of("CMD-SHELL", "echo from-image"),
                        "Interval", 200_000_000L, "Retries", 2)));
        try {
            ok(docker("load", "-i", archive.toString()));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @AfterAll
    static void remove() {
        docker("rm", "-f", PLAIN, MERGED, DISABLED);
        docker("rmi", IMAGE);
    }

    private static CommandResult ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static String inspect(String name, String format) {
        return ok(docker("inspect", "-f", format, name)).stdout().trim();
    }

    @Test
    void imageInspect_showsTheHealthcheck() {
        assertThat(ok(docker("image", "inspect", "-f", "{{json .Config.Healthcheck}}", IMAGE)).stdout().trim())
                .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"echo from-image\"],\"Interval\":200000000,\"Retries\":2}");
    }

    @Test
    void run_withoutHealthFlags_usesTheImagesCheck() {
        ok(docker("run", "-d", "--name", PLAIN, IMAGE));

        Waits.until("healthy", TIMEOUT, () -> inspect(PLAIN, "{{.State.Health.Status}}").equals("healthy"));
        assertThat(inspect(PLAIN, "{{(index .State.Health.Log 0).Output}}")).isEqualTo("from-image");
    }

    @Test
    void run_withSomeHealthFlags_takesTheRestFromTheImage() {
        ok(docker("run", "-d", "--name", MERGED, "--health-timeout", "5s", IMAGE));

        assertThat(inspect(MERGED, "{{json .Config.Healthcheck}}")).isEqualTo(
                "{\"Test\":[\"CMD-SHELL\",\"echo from-image\"],\"Interval\":200000000,\"Timeout\":5000000000,"
                        + "\"Retries\":2}");
        Waits.until("healthy", TIMEOUT, () -> inspect(MERGED, "{{.State.Health.Status}}").equals("healthy"));
    }

    @Test
    void run_noHealthcheck_disablesTheImagesCheck() {
        ok(docker("run", "-d", "--name", DISABLED, "--no-healthcheck", IMAGE));

        // As dockerd merges: NONE kept, the other fields still filled in from the image's.
        assertThat(inspect(DISABLED, "{{json .Config.Healthcheck}}"))
                .isEqualTo("{\"Test\":[\"NONE\"],\"Interval\":200000000,\"Retries\":2}");
        assertThat(inspect(DISABLED, "{{json .State.Health}}")).isEqualTo("null");
        assertThat(ok(docker("ps", "--filter", "name=" + DISABLED, "--format", "{{.Status}}")).stdout())
                .doesNotContain("health");
    }
}

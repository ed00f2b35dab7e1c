package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.ImageArchives;
import dev.berth.e2e.support.RegistryImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `docker ps --filter ancestor=X` lists the containers of X and of the images built on X (whose
 * layers begin with X's): a base image of the busybox layer and a derived one with a layer more,
 * both loaded from hand-made archives, one container of each.
 */
class AncestorFilterE2ETest {

    private static final String SUITE = UUID.randomUUID().toString().substring(0, 8);
    private static final String BASE = "anc-base-" + SUITE + ":1";
    private static final String DERIVED = "anc-derived-" + SUITE + ":1";
    private static final String OF_BASE = "anc-b-" + SUITE;
    private static final String OF_DERIVED = "anc-d-" + SUITE;

    @BeforeAll
    static void loadImagesAndRunContainers() throws Exception {
        byte[] busybox = RegistryImages.busyboxTar();
        Map<String, Object> run = Map.of("Cmd", List.of("true"));
        load(ImageArchives.write(BASE, List.of(busybox), run));
        load(ImageArchives.write(DERIVED, List.of(busybox, RegistryImages.tinyTar("extra", "more")), run));
        ok(docker("create", "--name", OF_BASE, "-l", "suite=" + SUITE, BASE));
        ok(docker("create", "--name", OF_DERIVED, "-l", "suite=" + SUITE, DERIVED));
    }

    private static void load(Path archive) throws Exception {
        try {
            ok(docker("load", "-i", archive.toString()));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @AfterAll
    static void remove() {
        docker("rm", "-f", OF_BASE, OF_DERIVED);
        docker("rmi", BASE, DERIVED);
    }

    private static void ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static List<String> ps(String ancestor) {
        CommandResult result = docker("ps", "-a", "--format", "{{.Names}}", "--filter", "label=suite=" + SUITE,
                "--filter", "ancestor=" + ancestor);
        ok(result);
        return result.stdout().lines().toList();
    }

    @Test
    void ancestor_base_listsTheContainersOfImagesBuiltOnIt() {
        assertThat(ps(BASE)).containsExactly(OF_DERIVED, OF_BASE);
    }

    @Test
    void ancestor_derived_listsOnlyItsOwn() {
        assertThat(ps(DERIVED)).containsExactly(OF_DERIVED);
    }
}

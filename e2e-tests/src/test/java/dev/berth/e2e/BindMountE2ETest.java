package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `-v /HOST:/CONTAINER[:ro]` through the docker CLI: what the container and the host each see. */
class BindMountE2ETest {

    private static final String PREFIX = "e2e-bind-";
    private static String image;
    private static Path hostDir;

    @BeforeAll
    static void setUp() throws IOException {
        image = TestImages.busybox();
        hostDir = Files.createTempDirectory("berth-e2e-bind-");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        docker("rm", "-f", PREFIX + "shown", PREFIX + "named");
        try (Stream<Path> paths = Files.walk(hostDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void readWriteBind_containerReadsTheHostsFile_andTheHostSeesWhatItWrote() throws IOException {
        Path dir = Files.createDirectory(hostDir.resolve("rw"));
        Files.writeString(dir.resolve("in.txt"), "from the host\n");

        CommandResult run = docker("run", "--rm", "-v", dir + ":/data", image,
                "sh", "-c", "cat /data/in.txt && echo from the container > /data/out.txt");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("from the host\n");
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).isEqualTo("from the container\n");
    }

    @Test
    void readOnlyBind_refusesWrites_andLeavesTheHostDirectoryAsItWas() throws IOException {
        Path dir = Files.createDirectory(hostDir.resolve("ro"));
        Files.writeString(dir.resolve("keep.txt"), "unchanged\n");

        CommandResult run = docker("run", "--rm", "-v", dir + ":/data:ro", image,
                "sh", "-c", "cat /data/keep.txt; echo changed > /data/keep.txt");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stdout()).isEqualTo("unchanged\n");
        assertThat(run.stderr()).contains("Read-only file system");
        assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("unchanged\n");
    }

    @Test
    void missingHostDirectory_isCreated_asDockerDoesForDashV() {
        Path missing = hostDir.resolve("made/by/the/engine");

        CommandResult run = docker("run", "--rm", "-v", missing + ":/data", image, "sh", "-c", "echo x > /data/f");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.isRegularFile(missing.resolve("f"))).isTrue();
    }

    @Test
    void inspect_showsTheBindsAsGiven() {
        String spec = hostDir + ":/data:ro";
        assertThat(docker("create", "--name", PREFIX + "shown", "-v", spec, image, "true").exitCode()).isZero();

        CommandResult binds = docker("inspect", "-f", "{{json .HostConfig.Binds}}", PREFIX + "shown");

        assertThat(binds.stdout().trim()).isEqualTo("[\"" + spec + "\"]");
        CommandResult mounts = docker("inspect", "-f",
                "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.Mode}} {{.RW}} {{.Propagation}}{{end}}",
                PREFIX + "shown");
        assertThat(mounts.stdout().trim()).isEqualTo("bind " + hostDir + " /data ro false rprivate");
    }

    @Test
    void badSpecs_areRefusedWithDockersWords_andCreateNothing() {
        CommandResult relative = docker("create", "--name", PREFIX + "named", "-v", hostDir + ":data", image, "true");
        assertThat(relative.exitCode()).isNotZero();
        assertThat(relative.stderr()).contains("mount path must be absolute");

        CommandResult named = docker("create", "--name", PREFIX + "named", "-v", "some/volume:/data", image, "true");
        assertThat(named.exitCode()).isNotZero();
        assertThat(named.stderr()).contains("includes invalid characters for a local volume name");

        assertThat(docker("ps", "-a", "-q", "--filter", "name=" + PREFIX + "named").stdout()).isEmpty();
    }
}

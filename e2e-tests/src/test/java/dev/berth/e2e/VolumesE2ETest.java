package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volumes through the docker CLI: named volumes (create, ls, inspect, rm refused while in use,
 * prune), their data outliving containers, read-only mounts, Docker's copy-up of the image's
 * content into a new volume, anonymous volumes from -v /path removed by rm -v and --rm, and
 * --mount of the three types. Volume names are untrusted.
 */
class VolumesE2ETest {

    private static final String PREFIX = "e2e-vol-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "writer", PREFIX + "holder", PREFIX + "anon", PREFIX + "keeper");
        docker("volume", "rm", "-f", PREFIX + "data", PREFIX + "etc", PREFIX + "named", PREFIX + "labelled",
                PREFIX + "held", PREFIX + "mnt");
    }

    private static String ok(String... args) {
        CommandResult result = docker(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    @Test
    void create_inspect_ls_rm_andUntrustedNames() {
        long since = System.currentTimeMillis() / 1000 - 1;
        assertThat(ok("volume", "create", "--label", "team=e2e", PREFIX + "labelled")).isEqualTo(PREFIX + "labelled");
        String mountpoint = ok("volume", "inspect", "--format", "{{.Mountpoint}}", PREFIX + "labelled");
        assertThat(ok("volume", "inspect", "--format", "{{.Driver}} {{.Scope}} {{.Labels.team}}", PREFIX + "labelled"))
                .isEqualTo("local local e2e");
        assertThat(Path.of(mountpoint)).isDirectory().endsWith(Path.of(PREFIX + "labelled", "_data"));
        assertThat(ok("volume", "ls", "--filter", "label=team=e2e", "--format", "{{.Name}}")).isEqualTo(PREFIX + "labelled");
        assertThat(ok("volume", "create", PREFIX + "labelled")).as("an existing name answers that volume").isEqualTo(PREFIX + "labelled");

        for (String bad : new String[] {"../escape", "a/b", ".x"}) {
            CommandResult refused = docker("volume", "create", bad);
            assertThat(refused.exitCode()).as(bad).isNotZero();
            assertThat(refused.stderr()).as(bad).contains("includes invalid characters for a local volume name");
        }
        // The CLI makes "..:/data" a host path; through the API the name itself is refused.
        var escape = EngineApi.post("/containers/create", "{\"Image\":\"" + image
                + "\",\"Cmd\":[\"true\"],\"HostConfig\":{\"Binds\":[\"..:/data\"]}}");
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat(escape.body()).contains("includes invalid characters for a local volume name");
        CommandResult driverOpt = docker("volume", "create", "-o", "type=tmpfs", PREFIX + "opts");
        assertThat(driverOpt.stderr()).contains("does not support --opt type");

        ok("volume", "rm", PREFIX + "labelled");
        assertThat(Path.of(mountpoint)).doesNotExist();
        CommandResult gone = docker("volume", "inspect", PREFIX + "labelled");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("no such volume");
        assertThat(docker("volume", "rm", "-f", PREFIX + "labelled").exitCode()).isZero();

        String events = ok("events", "--since", Long.toString(since), "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=volume", "--filter", "volume=" + PREFIX + "labelled", "--format", "{{.Action}} {{.Actor.ID}}");
        assertThat(events.lines()).containsExactly("create " + PREFIX + "labelled", "destroy " + PREFIX + "labelled");
        assertThat(ok("system", "df", "--format", "{{.Type}} {{.TotalCount}}")).contains("Local Volumes");
    }

    @Test
    void namedVolume_outlivesItsContainers_roRefusesWrites_andRmWaitsForItsUsers() {
        ok("run", "--name", PREFIX + "writer", "-v", PREFIX + "data:/data", image, "sh", "-c", "echo kept > /data/file");
        assertThat(ok("inspect", "--format", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}}{{end}}",
                PREFIX + "writer")).isEqualTo("volume " + PREFIX + "data /data true");
        ok("rm", PREFIX + "writer");

        assertThat(ok("run", "--rm", "-v", PREFIX + "data:/other:ro", image, "cat", "/other/file")).isEqualTo("kept");
        CommandResult readOnly = docker("run", "--rm", "-v", PREFIX + "data:/other:ro", image, "sh", "-c", "echo x > /other/new");
        assertThat(readOnly.exitCode()).isNotZero();
        assertThat(readOnly.stderr()).contains("Read-only file system");

        ok("create", "--name", PREFIX + "holder", "-v", PREFIX + "data:/data", image, "true");
        assertThat(ok("ps", "-a", "--filter", "volume=" + PREFIX + "data", "--format", "{{.Names}}")).isEqualTo(PREFIX + "holder");
        assertThat(ok("ps", "-a", "--filter", "volume=/data", "--filter", "name=" + PREFIX, "--format", "{{.Names}}"))
                .isEqualTo(PREFIX + "holder");
        CommandResult inUse = docker("volume", "rm", PREFIX + "data");
        assertThat(inUse.exitCode()).isNotZero();
        assertThat(inUse.stderr()).contains("volume is in use");
        ok("rm", PREFIX + "holder");
        ok("volume", "rm", PREFIX + "data");
    }

    @Test
    void aNewVolume_isFilledWithTheImageContentAtItsPath() {
        assertThat(ok("run", "--rm", "-v", PREFIX + "etc:/etc", image, "cat", "/etc/passwd")).contains("root:x:0:0");
        assertThat(ok("run", "--rm", "-v", PREFIX + "etc:/copied", image, "cat", "/copied/motd")).isEqualTo("not a program");
    }

    @Test
    void anonymousVolumes_comeFromDashVPath_andGoWithRmDashV() {
        ok("run", "-d", "--name", PREFIX + "anon", "-v", "/data", image, "sh", "-c", "echo x > /data/f; sleep 300");
        String name = ok("inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", PREFIX + "anon");
        assertThat(name).matches("[0-9a-f]{64}");
        String mountpoint = ok("volume", "inspect", "--format", "{{.Mountpoint}}", name);
        ok("rm", "-f", "-v", PREFIX + "anon");
        assertThat(docker("volume", "inspect", name).exitCode()).isNotZero();
        assertThat(Path.of(mountpoint)).doesNotExist();

        ok("run", "-d", "--name", PREFIX + "keeper", "-v", "/data", image, "sleep", "300");
        String kept = ok("inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", PREFIX + "keeper");
        ok("rm", "-f", PREFIX + "keeper");
        assertThat(ok("volume", "inspect", "--format", "{{.Name}}", kept)).as("rm without -v keeps it").isEqualTo(kept);
        CommandResult pruned = docker("volume", "prune", "-f");
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.stdout()).contains(kept);
        assertThat(docker("volume", "inspect", kept).exitCode()).isNotZero();

        String before = docker("volume", "ls", "-q").stdout();
        ok("run", "--rm", "-v", "/scratch", image, "touch", "/scratch/f");
        assertThat(docker("volume", "ls", "-q").stdout()).as("--rm takes its anonymous volume").isEqualTo(before);
    }

    @Test
    void anImageVolume_isAnAnonymousVolume_unlessAMountCoversItsPath() {
        CommandResult imported = docker("import", "--change", "VOLUME /srv", TestImages.busyboxRootfs().toString(),
                PREFIX + "image:1");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        try {
            String id = ok("create", "--name", PREFIX + "imagevol", PREFIX + "image:1", "true");
            String name = ok("inspect", "--format", "{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}", id);
            assertThat(name).matches("[0-9a-f]{64} /srv");
            ok("rm", "-v", id);
            assertThat(docker("volume", "inspect", name.split(" ")[0]).exitCode()).isNotZero();

            String covered = ok("run", "--rm", "-v", PREFIX + "mnt:/srv", PREFIX + "image:1", "sh", "-c",
                    "grep -c ' /srv ' /proc/mounts");
            assertThat(covered).isEqualTo("1");
        } finally {
            docker("rm", "-f", PREFIX + "imagevol");
            docker("rmi", PREFIX + "image:1");
        }
    }

    @Test
    void mountFlag_volumeBindAndTmpfs() throws Exception {
        ok("run", "--rm", "--mount", "type=volume,source=" + PREFIX + "mnt,target=/m", image, "sh", "-c", "echo m > /m/f");
        assertThat(ok("run", "--rm", "--mount", "type=volume,src=" + PREFIX + "mnt,dst=/m,readonly", image, "cat", "/m/f"))
                .isEqualTo("m");
        Path host = Files.createTempDirectory("e2e-vol-bind");
        Files.writeString(host.resolve("h"), "from host\n");
        assertThat(ok("run", "--rm", "--mount", "type=bind,source=" + host + ",target=/h", image, "cat", "/h/h"))
                .isEqualTo("from host");
        CommandResult missing = docker("run", "--rm", "--mount", "type=bind,source=" + host.resolve("nope") + ",target=/h",
                image, "true");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("bind source path does not exist");
        assertThat(ok("run", "--rm", "--mount", "type=tmpfs,target=/t,tmpfs-size=1048576", image, "grep", " /t ", "/proc/mounts"))
                .contains("tmpfs /t tmpfs").contains("size=1024k");
    }

    @Test
    void prune_keepsNamedVolumesUnlessAll_andVolumesInUse() {
        ok("volume", "create", "--label", "e2e-prune=1", PREFIX + "named");
        ok("volume", "create", "--label", "e2e-prune=1", PREFIX + "held");
        ok("create", "--name", PREFIX + "holder2", "-v", PREFIX + "held:/x", image, "true");
        try {
            assertThat(docker("volume", "prune", "-f", "--filter", "label=e2e-prune").stdout()).doesNotContain(PREFIX + "named");
            CommandResult all = docker("volume", "prune", "-f", "--all", "--filter", "label=e2e-prune");
            assertThat(all.exitCode()).as(all.toString()).isZero();
            assertThat(all.stdout()).contains(PREFIX + "named").doesNotContain(PREFIX + "held");
            assertThat(docker("volume", "inspect", PREFIX + "held").exitCode()).isZero();
        } finally {
            docker("rm", "-f", PREFIX + "holder2");
        }
    }

    @Test
    void aCreateBodyThatIsNotAnObject_orANameThatIsNotAString_isRefused_andNoVolumeIsMade() {
        String before = docker("volume", "ls", "-q").stdout();
        var array = EngineApi.post("/v1.44/volumes/create", "[1]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(array.body()).contains("\"message\"").contains("must be an object");
        var number = EngineApi.post("/v1.44/volumes/create", "{\"Name\": 5}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("Name must be a string");
        assertThat(docker("volume", "ls", "-q").stdout()).isEqualTo(before);
    }
}

package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TarBuilder;
import dev.berth.e2e.support.TestImages;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker cp` both ways through the real CLI, and the archive endpoints over plain HTTP. */
class CopyE2ETest {

    private static final String PREFIX = "e2e-cp-";
    private static final String RUNNING = PREFIX + "running";
    private static final String ARCHIVE = "/v1.44/containers/%s/archive?path=%s";
    private static String image;
    private static Path hostDir;

    @BeforeAll
    static void setUp() throws IOException {
        image = TestImages.busybox();
        docker("rm", "-f", RUNNING, PREFIX + "created", PREFIX + "hostile", PREFIX + "tc", PREFIX + "ro", PREFIX + "user");
        hostDir = Files.createTempDirectory("berth-e2e-cp-");
        CommandResult run = docker("run", "-d", "--name", RUNNING, image, "sleep", "600");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        docker("rm", "-f", RUNNING, PREFIX + "created", PREFIX + "hostile", PREFIX + "tc", PREFIX + "ro", PREFIX + "user");
        try (Stream<Path> paths = Files.walk(hostDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void copyIntoACreatedContainer_isThereWhenItStarts() throws IOException {
        Path file = Files.writeString(hostDir.resolve("greeting.txt"), "hello from the host\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        String name = PREFIX + "created";
        assertThat(docker("create", "--name", name, image, "sh", "-c",
                "cat /tmp/greeting.txt; stat -c %a /tmp/greeting.txt").exitCode()).isZero();

        CommandResult cp = docker("cp", file.toString(), name + ":/tmp/");

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        CommandResult start = docker("start", "-a", name);
        assertThat(start.stdout()).as(start.toString()).isEqualTo("hello from the host\n750\n");
    }

    @Test
    void archiveMode_givesTheFilesToTheContainersUser() throws IOException {
        String name = PREFIX + "user";
        assertThat(docker("create", "--name", name, "--user", "daemon", image,
                "stat", "-c", "%u:%g", "/tmp/owned.txt").exitCode()).isZero();
        Path file = Files.writeString(hostDir.resolve("owned.txt"), "mine\n");

        CommandResult cp = docker("cp", "-a", file.toString(), name + ":/tmp/");

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        CommandResult start = docker("start", "-a", name);
        assertThat(start.stdout()).as(start.toString()).isEqualTo("1:1\n"); // busybox's daemon user
    }

    @Test
    void copyIntoARunningContainer_underANewName() throws IOException {
        Path file = Files.writeString(hostDir.resolve("conf.ini"), "[a]\nb=1\n");

        CommandResult cp = docker("cp", file.toString(), RUNNING + ":/root/renamed.ini");

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        CommandResult cat = docker("exec", RUNNING, "cat", "/root/renamed.ini");
        assertThat(cat.stdout()).as(cat.toString()).isEqualTo("[a]\nb=1\n");
    }

    @Test
    void copyAFileOutOfAContainer_keepsContentAndMode() throws IOException {
        assertThat(docker("exec", RUNNING, "sh", "-c", "echo made inside > /tmp/out.txt && chmod 640 /tmp/out.txt")
                .exitCode()).isZero();
        Path target = Files.createDirectory(hostDir.resolve("file-out"));

        CommandResult cp = docker("cp", RUNNING + ":/tmp/out.txt", target.toString());

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        assertThat(Files.readString(target.resolve("out.txt"))).isEqualTo("made inside\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("out.txt"))))
                .isEqualTo("rw-r-----");
    }

    @Test
    void copyADirectoryOutOfAContainer_withItsTree() throws IOException {
        assertThat(docker("exec", RUNNING, "sh", "-c", "mkdir -p /srv/site/assets && echo '<h1>x</h1>' > /srv/site/index.html"
                + " && printf 'body{}' > /srv/site/assets/app.css && printf '#!/bin/sh\\n' > /srv/site/run.sh"
                + " && chmod 755 /srv/site/run.sh && ln -s index.html /srv/site/home.html").exitCode()).isZero();
        Path target = hostDir.resolve("dir-out");

        CommandResult cp = docker("cp", RUNNING + ":/srv/site", target.toString());

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>x</h1>\n");
        assertThat(Files.readString(target.resolve("assets/app.css"))).isEqualTo("body{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("run.sh"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(target.resolve("home.html"))).isEqualTo(Path.of("index.html"));
    }

    @Test
    void aRunningContainer_isCopiedFromAsItSeesItself() throws IOException {
        // /etc/hostname is mounted into the container: the rootfs below it holds nothing
        Path target = Files.createDirectory(hostDir.resolve("live-view"));
        CommandResult cp = docker("cp", RUNNING + ":/etc/hostname", target.toString());
        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        assertThat(Files.readString(target.resolve("hostname")))
                .isEqualTo(docker("exec", RUNNING, "cat", "/etc/hostname").stdout()).isNotBlank();
    }

    @Test
    void aMissingPath_isDockersError_bothWays() throws IOException {
        CommandResult out = docker("cp", RUNNING + ":/no/such/file", hostDir.toString());
        assertThat(out.exitCode()).isNotZero();
        assertThat(out.stderr()).contains("Could not find the file /no/such/file in container " + RUNNING);

        Path file = Files.writeString(hostDir.resolve("lost.txt"), "x");
        CommandResult in = docker("cp", file.toString(), RUNNING + ":/no/such/dir/lost.txt");
        assertThat(in.exitCode()).isNotZero();
        assertThat(in.stderr()).contains("Could not find the file /no/such/dir in container " + RUNNING);
    }

    @Test
    void head_givesThePathStatHeader() throws IOException {
        assertThat(docker("exec", RUNNING, "sh", "-c", "printf 1234 > /tmp/stat.txt && chmod 600 /tmp/stat.txt")
                .exitCode()).isZero();

        HttpResponse<String> head = EngineApi.head(ARCHIVE.formatted(RUNNING, "/tmp/stat.txt"));

        assertThat(head.statusCode()).isEqualTo(200);
        JsonNode stat = pathStat(head);
        assertThat(stat.get("name").asString()).isEqualTo("stat.txt");
        assertThat(stat.get("size").asLong()).isEqualTo(4);
        assertThat(stat.get("mode").asLong()).isEqualTo(0600);
        assertThat(stat.get("linkTarget").asString()).isEmpty();
        assertThat(Instant.parse(stat.get("mtime").asString())).isAfter(Instant.now().minusSeconds(600));

        JsonNode dir = pathStat(EngineApi.head(ARCHIVE.formatted(RUNNING, "/tmp")));
        assertThat(dir.get("mode").asLong()).isEqualTo((1L << 31) | (1L << 20) | 0777); // ModeDir | ModeSticky | 0777
        JsonNode link = pathStat(EngineApi.head(ARCHIVE.formatted(RUNNING, "/bin/sh")));
        assertThat(link.get("mode").asLong() & (1L << 27)).isNotZero(); // ModeSymlink
        assertThat(link.get("linkTarget").asString()).isEqualTo("/bin/busybox");

        assertThat(EngineApi.head(ARCHIVE.formatted(RUNNING, "/nope")).statusCode()).isEqualTo(404);
        assertThat(EngineApi.head(ARCHIVE.formatted("e2e-cp-no-such-container", "/")).statusCode()).isEqualTo(404);
    }

    @Test
    void hostileTars_writeNothingOutsideTheContainer() throws IOException {
        String name = PREFIX + "hostile";
        assertThat(docker("create", "--name", name, image, "true").exitCode()).isZero();
        Path target = Files.createDirectory(hostDir.resolve("must-stay-empty"));
        String climb = "../../../../../../../../.." + target;

        HttpResponse<String> dotDot = put(name, "/tmp", new TarBuilder().file(climb + "/dotdot.txt", "pwned").build());
        assertThat(dotDot.statusCode()).isEqualTo(400);
        assertThat(EngineApi.json(dotDot).get("message").asString()).startsWith("invalid entry name");

        HttpResponse<String> hardlink = put(name, "/", new TarBuilder().hardlink("passwd-link", "../../../../etc/passwd").build());
        assertThat(hardlink.statusCode()).isEqualTo(400);
        assertThat(EngineApi.json(hardlink).get("message").asString()).startsWith("invalid hardlink target");

        HttpResponse<String> followed = put(name, "/", new TarBuilder()
                .file(target + "/absolute.txt", "absolute")
                .symlink("escape", target.toString())
                .file("escape/through-link.txt", "through a link")
                .build());
        assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);

        try (Stream<Path> left = Files.list(target)) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.exists(Path.of("/etc/passwd-link"))).isFalse();
        // what the links and absolute names named landed inside the container
        Path back = Files.createDirectory(hostDir.resolve("hostile-back"));
        CommandResult cp = docker("cp", name + ":" + target, back.toString());
        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        Path copied = back.resolve(target.getFileName());
        assertThat(Files.readString(copied.resolve("absolute.txt"))).isEqualTo("absolute");
        assertThat(Files.readString(copied.resolve("through-link.txt"))).isEqualTo("through a link");
    }

    @Test
    void testcontainersStyleUpload_toTheRoot_makesTheParents() throws IOException {
        String name = PREFIX + "tc";
        assertThat(docker("create", "--name", name, image, "cat", "/srv/www/index.html").exitCode()).isZero();

        HttpResponse<String> put = EngineApi.put(ARCHIVE.formatted(name, "/") + "&noOverwriteDirNonDir=true&copyUIDGID=false",
                "application/x-tar", new TarBuilder().file("srv/www/index.html", "<p>served</p>").build());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).isEmpty();
        CommandResult start = docker("start", "-a", name);
        assertThat(start.stdout()).as(start.toString()).isEqualTo("<p>served</p>");
    }

    @Test
    void anEmptyPath_isABadParameter() {
        HttpResponse<String> get = EngineApi.get(ARCHIVE.formatted(RUNNING, ""));
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(EngineApi.json(get).get("message").asString()).isEqualTo("bad parameter: path cannot be empty");
        assertThat(put(RUNNING, "", new TarBuilder().build()).statusCode()).isEqualTo(400);
    }

    @Test
    void aFileWhereADirectoryIsExpected_isRefused() {
        HttpResponse<String> put = put(RUNNING, "/etc/passwd", new TarBuilder().file("x", "x").build());
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(EngineApi.json(put).get("message").asString()).isEqualTo("extraction point is not a directory");
    }

    @Test
    void aReadOnlyRootfs_refusesCopiesIn() throws IOException {
        String name = PREFIX + "ro";
        assertThat(docker("create", "--read-only", "--name", name, image, "true").exitCode()).isZero();
        Path file = Files.writeString(hostDir.resolve("ro.txt"), "x");

        CommandResult cp = docker("cp", file.toString(), name + ":/tmp/");

        assertThat(cp.exitCode()).isNotZero();
        assertThat(cp.stderr()).contains("container rootfs is marked read-only");
    }

    private static HttpResponse<String> put(String container, String path, byte[] tar) {
        return EngineApi.put(ARCHIVE.formatted(container, path), "application/x-tar", tar);
    }

    private static JsonNode pathStat(HttpResponse<String> response) {
        String header = response.headers().firstValue("X-Docker-Container-Path-Stat").orElseThrow();
        return new ObjectMapper().readTree(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
    }
}

package dev.berth.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.berth.e2e.support.BerthHome;
import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.DockerCli;
import dev.berth.e2e.support.Waits;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TarBuilder;
import dev.berth.e2e.support.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker build through the CLI (its classic builder, POST /build): every instruction, the image
 * config Docker records for the same Dockerfile, the build cache and what invalidates it,
 * multi-stage builds, .dockerignore, build args, -q and --iidfile, ADD of archives and URLs, and
 * Docker's refusals (a failing RUN, a parse error, a context tar climbing out).
 */
class BuildE2ETest {

    private static final String PREFIX = "e2e-build-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String base;

    @BeforeAll
    static void baseImage() {
        base = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        for (String image : List.of("all:1", "cache:1", "ms:1", "ignore:1", "args:1", "add:1", "fail:1", "owner:1", "prune:1", "workdir:1")) {
            docker("rmi", "-f", PREFIX + image);
        }
    }

    private static String ok(String... args) {
        CommandResult result = docker(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    private static Path context(String dockerfile) throws IOException {
        Path dir = Files.createTempDirectory("e2e-build");
        Files.writeString(dir.resolve("Dockerfile"), dockerfile.replace("BASE_IMAGE", base));
        return dir;
    }

    @Test
    void everyInstruction_givesTheConfigDockerRecords() throws IOException {
        Path dir = context("""
                ARG BASE=BASE_IMAGE
                FROM $BASE AS base
                LABEL a=b "c d"=e
                ENV P=1 Q="two words"
                ARG V=3
                RUN echo "v is $V" > /v
                EXPOSE 80 53/udp
                VOLUME /data
                USER 1000:1000
                WORKDIR /w
                WORKDIR sub
                COPY --chown=1:2 f.txt d /c/
                ADD arch.tar /x/
                STOPSIGNAL SIGINT
                HEALTHCHECK --interval=5s --retries=2 CMD true
                SHELL ["/bin/sh", "-ec"]
                ONBUILD RUN echo hi
                MAINTAINER me
                ENTRYPOINT ["/bin/sh", "-c"]
                CMD echo hi
                """);
        Files.writeString(dir.resolve("f.txt"), "x\n");
        Files.createDirectories(dir.resolve("d/sub"));
        Files.writeString(dir.resolve("d/sub/a"), "a\n");
        Files.write(dir.resolve("arch.tar"), new TarBuilder().file("in-archive.txt", "unpacked\n").build());

        CommandResult build = docker("build", "-t", PREFIX + "all:1", "--label", "lab=v", dir.toString());
        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.stdout()).contains("Step 1/21 : ARG BASE=BASE_IMAGE".replace("BASE_IMAGE", base))
                .contains("Step 21/21 : LABEL lab=v").contains("Successfully tagged " + PREFIX + "all:1");

        // What Docker 20.10's classic builder records for this Dockerfile (docker inspect, same busybox import)
        JsonNode config = JSON.readTree(ok("inspect", "--format", "{{json .Config}}", PREFIX + "all:1"));
        assertThat(config.get("User").asString()).isEqualTo("1000:1000");
        assertThat(config.get("ExposedPorts").propertyNames()).containsExactlyInAnyOrder("53/udp", "80/tcp");
        assertThat(strings(config.get("Env"))).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "P=1", "Q=two words");
        assertThat(strings(config.get("Entrypoint"))).containsExactly("/bin/sh", "-c");
        assertThat(strings(config.get("Cmd"))).containsExactly("/bin/sh", "-ec", "echo hi");
        assertThat(config.get("Volumes").propertyNames()).containsExactly("/data");
        assertThat(config.get("WorkingDir").asString()).isEqualTo("/w/sub");
        assertThat(config.get("Labels").get("a").asString()).isEqualTo("b");
        assertThat(config.get("Labels").get("c d").asString()).isEqualTo("e");
        assertThat(config.get("Labels").get("lab").asString()).isEqualTo("v");
        assertThat(config.get("StopSignal").asString()).isEqualTo("SIGINT");
        assertThat(strings(config.get("Healthcheck").get("Test"))).containsExactly("CMD-SHELL", "true");
        assertThat(config.get("Healthcheck").get("Interval").asLong()).isEqualTo(5_000_000_000L);
        assertThat(config.get("Healthcheck").get("Retries").asInt()).isEqualTo(2);
        assertThat(strings(config.get("OnBuild"))).containsExactly("RUN echo hi");
        assertThat(strings(config.get("Shell"))).containsExactly("/bin/sh", "-ec");
        assertThat(ok("inspect", "--format", "{{.Author}}", PREFIX + "all:1")).isEqualTo("me");

        String files = ok("run", "--rm", "--entrypoint", "", PREFIX + "all:1", "sh", "-c",
                "cat /v; stat -c '%n %u:%g' /c/f.txt /c/sub/a; cat /x/in-archive.txt; pwd; id -u");
        assertThat(files.lines()).containsExactly("v is 3", "/c/f.txt 1:2", "/c/sub/a 1:2", "unpacked", "/w/sub", "1000");
    }

    @Test
    void secondBuild_usesTheCache_andAChangedFile_invalidatesTheStepsFromItsCopyOn() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                ENV STAGE=one
                COPY a.txt /a.txt
                RUN cat /a.txt > /a.copy
                COPY b.txt /b.txt
                RUN cat /b.txt > /b.copy
                """);
        Files.writeString(dir.resolve("a.txt"), "a\n");
        Files.writeString(dir.resolve("b.txt"), "b1\n");
        String first = ok("build", "-t", PREFIX + "cache:1", dir.toString());
        assertThat(first).doesNotContain("Using cache");

        String second = ok("build", "-t", PREFIX + "cache:1", dir.toString());
        assertThat(second.lines().filter(" ---> Using cache"::equals)).hasSize(5);

        Files.writeString(dir.resolve("b.txt"), "b2\n");
        String third = ok("build", "-t", PREFIX + "cache:1", dir.toString());
        List<String> lines = third.lines().toList();
        int copyB = lines.indexOf("Step 5/6 : COPY b.txt /b.txt");
        assertThat(lines.subList(0, copyB).stream().filter(" ---> Using cache"::equals)).hasSize(3);
        assertThat(lines.subList(copyB, lines.size())).doesNotContain(" ---> Using cache");
        assertThat(ok("run", "--rm", PREFIX + "cache:1", "cat", "/b.copy")).isEqualTo("b2");

        String noCache = ok("build", "--no-cache", "-t", PREFIX + "cache:1", dir.toString());
        assertThat(noCache).doesNotContain("Using cache");
    }

    @Test
    void buildCache_isCountedBySystemDf_andBuilderPruneEmptiesIt() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                RUN echo cached-step > /step
                ENV DONE=yes
                """);
        ok("build", "-t", PREFIX + "prune:1", dir.toString());
        JsonNode df = JSON.readTree(EngineApi.get("/v1.44/system/df").body());
        assertThat(df.get("BuildCache").size()).isGreaterThanOrEqualTo(1);
        assertThat(ok("build", "-t", PREFIX + "prune:1", dir.toString())).contains(" ---> Using cache");

        CommandResult pruned = docker("builder", "prune", "-f");
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.stdout()).contains("Total reclaimed space");
        assertThat(JSON.readTree(EngineApi.get("/v1.44/system/df").body()).get("BuildCache").size()).isZero();
        assertThat(ok("build", "-t", PREFIX + "prune:1", dir.toString())).doesNotContain("Using cache");
        assertThat(ok("run", "--rm", PREFIX + "prune:1", "cat", "/step")).isEqualTo("cached-step");
    }

    @Test
    void multiStage_copiesFromAnEarlierStage_andTargetStopsAtIt() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE AS build
                RUN mkdir /out && echo built > /out/app && echo a > /out/a-1.jar && echo b > /out/b-2.jar
                FROM BASE_IMAGE AS final
                COPY --from=build /out/app /usr/bin/app
                COPY --from=build /out/*.jar /jars/
                CMD ["cat", "/usr/bin/app"]
                FROM BASE_IMAGE AS never
                RUN exit 7
                """);
        CommandResult build = docker("build", "--target", "final", "-t", PREFIX + "ms:1", dir.toString());
        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.stdout()).contains("Step 6/6 : CMD").doesNotContain("exit 7");
        assertThat(ok("run", "--rm", PREFIX + "ms:1")).isEqualTo("built");
        assertThat(ok("run", "--rm", PREFIX + "ms:1", "ls", "/jars").lines()).containsExactly("a-1.jar", "b-2.jar");

        CommandResult unknown = docker("build", "--target", "nosuch", dir.toString());
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("failed to reach build target nosuch in Dockerfile");
    }

    @Test
    void copy_intoADirectoryOfTheImage_keepsItsOwnerAndMode_andAPathWithoutSlashThatIsADirectoryTakesTheFile()
            throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                RUN mkdir -p /home/app && chown 1000:1000 /home/app && chmod 0750 /home/app
                RUN echo "app:x:1234:1234::/home/app:/bin/sh" >> /etc/passwd && echo "app:x:1234:" >> /etc/group
                COPY f.txt /home/app
                COPY f.txt /new/dir/renamed.txt
                COPY --chown=app:app f.txt /named/
                CMD ["sh", "-c", "stat -c '%u:%g %a' /home/app /new/dir /named/f.txt; cat /home/app/f.txt /new/dir/renamed.txt"]
                """);
        Files.writeString(dir.resolve("f.txt"), "copied\n");
        ok("build", "-t", PREFIX + "owner:1", dir.toString());
        assertThat(ok("run", "--rm", PREFIX + "owner:1").lines())
                .containsExactly("1000:1000 750", "0:0 755", "1234:1234 644", "copied", "copied");
    }

    @Test
    void workdir_makesItsDirectoryInTheImage_andEveryLabelOptionIsAStepOfItsOwn() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                WORKDIR /srv/app
                """);
        String build = ok("build", "--label", "b=2", "--label", "a=1", "-t", PREFIX + "workdir:1", dir.toString());
        assertThat(build.lines()).contains("Step 3/4 : LABEL a=1", "Step 4/4 : LABEL b=2");
        // the directory is in the image itself, not made by the runtime at start: ls -d without a working directory there
        assertThat(ok("run", "--rm", "-w", "/", PREFIX + "workdir:1", "stat", "-c", "%F %a %u", "/srv/app"))
                .isEqualTo("directory 755 0");
        assertThat(ok("inspect", "--format", "{{.Config.Labels.a}} {{.Config.Labels.b}}", PREFIX + "workdir:1"))
                .isEqualTo("1 2");
    }

    @Test
    void dockerignore_keepsAFileOutOfTheContext() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                COPY . /ctx/
                RUN ls -a /ctx > /listing
                CMD ["cat", "/listing"]
                """);
        Files.writeString(dir.resolve("keep.txt"), "keep\n");
        Files.writeString(dir.resolve("secret.txt"), "secret\n");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/app.log"), "log\n");
        Files.writeString(dir.resolve(".dockerignore"), "secret.txt\nlogs\n");
        ok("build", "-t", PREFIX + "ignore:1", dir.toString());
        String listing = ok("run", "--rm", PREFIX + "ignore:1");
        assertThat(listing.lines()).contains("keep.txt", "Dockerfile").doesNotContain("secret.txt", "logs");
    }

    @Test
    void buildArgs_quiet_andIidfile() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                ARG GREETING=hello
                ARG UNSET
                RUN echo "$GREETING ${UNSET:-none}" > /greeting
                CMD ["cat", "/greeting"]
                """);
        Path iid = dir.resolve("iid");
        CommandResult quiet = docker("build", "-q", "--build-arg", "GREETING=ahoy", "--iidfile", iid.toString(),
                "-t", PREFIX + "args:1", dir.toString());
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        String id = Files.readString(iid).trim();
        assertThat(id).startsWith("sha256:");
        assertThat(quiet.stdout().trim()).isEqualTo(id);
        assertThat(ok("inspect", "--format", "{{.Id}}", PREFIX + "args:1")).isEqualTo(id);
        assertThat(ok("run", "--rm", PREFIX + "args:1")).isEqualTo("ahoy none");
        // a build arg is not part of the image's environment
        assertThat(ok("inspect", "--format", "{{json .Config.Env}}", PREFIX + "args:1")).doesNotContain("GREETING");

        String unused = ok("build", "--build-arg", "NOBODY=x", dir.toString());
        assertThat(unused).contains("[Warning] One or more build-args [NOBODY] were not consumed");
    }

    @Test
    void add_fetchesAUrl_andUnpacksALocalArchive() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/remote.txt", exchange -> {
            byte[] body = "from the web\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path dir = context("""
                    FROM BASE_IMAGE
                    ADD http://127.0.0.1:%d/files/remote.txt /downloads/
                    ADD bundle.tar /opt/bundle
                    """.formatted(server.getAddress().getPort()));
            Files.write(dir.resolve("bundle.tar"), new TarBuilder().dir("conf").file("conf/app.ini", "x=1\n").build());
            ok("build", "-t", PREFIX + "add:1", dir.toString());
            String files = ok("run", "--rm", PREFIX + "add:1", "sh", "-c",
                    "cat /downloads/remote.txt; stat -c %a /downloads/remote.txt; cat /opt/bundle/conf/app.ini");
            assertThat(files.lines()).containsExactly("from the web", "600", "x=1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failingRun_endsTheBuildWithTheExitCode_andLeavesNoContainer() throws IOException {
        String before = ok("ps", "-aq");
        Path dir = context("""
                FROM BASE_IMAGE
                RUN echo about to fail && exit 3
                RUN echo never
                """);
        CommandResult build = docker("build", "-t", PREFIX + "fail:1", dir.toString());
        assertThat(build.exitCode()).isNotZero();
        assertThat(build.stdout()).contains("about to fail").doesNotContain("never\n");
        assertThat(build.stderr()).contains("The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3");
        assertThat(ok("ps", "-aq")).isEqualTo(before);
        assertThat(docker("image", "inspect", PREFIX + "fail:1").exitCode()).isNotZero();
    }

    @Test
    void aBuildWhoseClientLeaves_stopsItsRunningStep_andLeavesNoContainer() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                RUN echo e2e-build-cancel && sleep 300
                """);
        Process build = DockerCli.start("build", "--no-cache", dir.toString());
        try {
            Waits.until("the RUN step's container", Duration.ofSeconds(60),
                    () -> ok("ps", "--no-trunc", "--format", "{{.Command}}").contains("e2e-build-cancel"));
        } finally {
            build.destroyForcibly();
        }
        Waits.until("the step's container to be removed", Duration.ofSeconds(30),
                () -> !ok("ps", "-a", "--no-trunc", "--format", "{{.Command}}").contains("e2e-build-cancel"));
    }

    @Test
    void aGatewayKilledMidBuild_removesTheStepContainerItLeft_onceItIsBack() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                RUN echo e2e-build-killed && sleep 300
                """);
        Process build = DockerCli.start("build", "--no-cache", dir.toString());
        try {
            Waits.until("the RUN step's container", Duration.ofSeconds(60),
                    () -> ok("ps", "--no-trunc", "--format", "{{.Command}}").contains("e2e-build-killed"));
            BerthHome.killService("gateway-service");
        } finally {
            build.destroyForcibly();
        }
        BerthHome.up();
        Waits.until("the step's container to be removed by the restarted gateway", Duration.ofSeconds(60),
                () -> !ok("ps", "-a", "--no-trunc", "--format", "{{.Command}}").contains("e2e-build-killed"));
    }

    @Test
    void parseError_namesTheLine_beforeAnyStepRuns() throws IOException {
        Path dir = context("""
                FROM BASE_IMAGE
                FORM nothing
                """);
        CommandResult build = docker("build", dir.toString());
        assertThat(build.exitCode()).isNotZero();
        assertThat(build.stderr()).contains("dockerfile parse error on line 2: unknown instruction: FORM");
        assertThat(build.stdout()).doesNotContain("Step 1/");
    }

    @Test
    void contextClimbingOut_isRefused_andNothingIsWrittenOutside() {
        String escapee = "berth-e2e-escapee-" + ProcessHandle.current().pid();
        byte[] tar = new TarBuilder()
                .file("Dockerfile", "FROM " + base + "\n")
                .file("../../../../../../tmp/" + escapee, "out\n")
                .build();
        HttpResponse<String> response = EngineApi.postTar("/v1.44/build?t=" + PREFIX + "evil", tar);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("leaves the build context");
        assertThat(Path.of("/tmp", escapee)).doesNotExist();

        byte[] linkOut = new TarBuilder()
                .file("Dockerfile", "FROM " + base + "\nCOPY passwd /\n")
                .symlink("passwd", "/etc/passwd")
                .build();
        HttpResponse<String> link = EngineApi.postTar("/v1.44/build", linkOut);
        assertThat(link.statusCode()).isEqualTo(400);
        assertThat(link.body()).contains("points outside the build context");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}

package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker pause`/`unpause`, `top`, `rename` and `update` through the real CLI. */
class LifecycleVerbsE2ETest {

    private static final String PREFIX = "e2e-verbs-";
    /** Prints a growing count, 20 lines a second: its progress shows in its log. */
    private static final String COUNTER = "i=0; while true; do echo $i; i=$((i+1)); usleep 50000; done";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
        removeContainers();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "pause", PREFIX + "stop", PREFIX + "top", PREFIX + "old", PREFIX + "new",
                PREFIX + "holder", PREFIX + "update", PREFIX + "stopped", PREFIX + "created", PREFIX + "topstopped", PREFIX + "rm", PREFIX + "unlimited");
    }

    private static void run(String name, String... args) {
        String[] argv = new String[4 + args.length];
        argv[0] = "run";
        argv[1] = "-d";
        argv[2] = "--name";
        argv[3] = name;
        System.arraycopy(args, 0, argv, 4, args.length);
        CommandResult run = docker(argv);
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private static long logLines(String name) {
        return docker("logs", name).stdout().lines().count();
    }

    @Test
    void pause_freezesTheProcess_unpauseLetsItGoOn() throws InterruptedException {
        String name = PREFIX + "pause";
        run(name, image, "sh", "-c", COUNTER);
        Waits.until("the counter's first lines", Duration.ofSeconds(10), () -> logLines(name) > 2);

        CommandResult pause = docker("pause", name);

        assertThat(pause.exitCode()).as(pause.toString()).isZero();
        assertThat(docker("ps", "--filter", "name=" + name, "--format", "{{.Status}}|{{.State}}").stdout())
                .matches("Up .* \\(Paused\\)\\|paused\n");
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.Paused}} {{.State.Running}}", name).stdout())
                .isEqualTo("paused true true\n");
        long frozenAt = logLines(name);
        // An observation window, not a synchronisation: a running counter prints 20 lines in it.
        Thread.sleep(1000);
        assertThat(logLines(name)).isEqualTo(frozenAt);

        CommandResult again = docker("pause", name);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("Error response from daemon: Container ").contains(" is already paused");

        CommandResult unpause = docker("unpause", name);
        assertThat(unpause.exitCode()).as(unpause.toString()).isZero();
        Waits.until("the counter going on", Duration.ofSeconds(10), () -> logLines(name) > frozenAt + 2);
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", name).stdout())
                .isEqualTo("running false\n");
        CommandResult notPaused = docker("unpause", name);
        assertThat(notPaused.exitCode()).isNotZero();
        assertThat(notPaused.stderr()).contains(" is not paused");
    }

    @Test
    void stop_paused_exitsAsDocker() {
        String name = PREFIX + "stop";
        run(name, image, "sleep", "600");
        assertThat(docker("pause", name).exitCode()).isZero();

        CommandResult stop = docker("stop", "-t", "1", name);

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", name).stdout())
                .isEqualTo("exited false\n");
    }

    @Test
    void remove_paused_refusedUnlessForced_execRefused() {
        String name = PREFIX + "rm";
        run(name, image, "sleep", "600");
        assertThat(docker("pause", name).exitCode()).isZero();

        CommandResult rm = docker("rm", name);
        assertThat(rm.exitCode()).isNotZero();
        assertThat(rm.stderr()).contains("cannot remove container \"/" + name
                + "\": container is paused and must be unpaused first");
        CommandResult exec = docker("exec", name, "true");
        assertThat(exec.stderr()).contains(" is paused, unpause the container before exec");

        CommandResult forced = docker("rm", "-f", name);
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(docker("inspect", name).exitCode()).isNotZero();
    }

    @Test
    void pause_created_isConflictNotRunning() {
        String name = PREFIX + "created";
        assertThat(docker("create", "--name", name, image, "true").exitCode()).isZero();

        HttpResponse<String> pause = EngineApi.post("/v1.44/containers/" + name + "/pause", "");

        assertThat(pause.statusCode()).isEqualTo(409);
        assertThat(EngineApi.json(pause).path("message").asString()).matches("container [0-9a-f]{64} is not running");
    }

    @Test
    void top_listsTheContainersProcesses_asPsEf() {
        String name = PREFIX + "top";
        run(name, image, "sleep", "600");

        CommandResult top = docker("top", name);

        assertThat(top.exitCode()).as(top.toString()).isZero();
        assertThat(top.stdout().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
        assertThat(top.stdout().lines().skip(1).toList()).singleElement().asString().endsWith("sleep 600");

        HttpResponse<String> aux = EngineApi.get("/v1.44/containers/" + name + "/top?ps_args=aux");
        assertThat(aux.statusCode()).as(aux.body()).isEqualTo(200);
        JsonNode body = EngineApi.json(aux);
        assertThat(body.path("Titles").get(0).asString()).isEqualTo("USER");
        assertThat(body.path("Processes")).hasSize(1);
        assertThat(body.path("Processes").get(0).get(body.path("Titles").size() - 1).asString()).isEqualTo("sleep 600");
    }

    @Test
    void top_notRunning_isConflict() {
        String name = PREFIX + "topstopped";
        assertThat(docker("create", "--name", name, image, "true").exitCode()).isZero();

        CommandResult top = docker("top", name);

        assertThat(top.exitCode()).isNotZero();
        assertThat(top.stderr()).contains(" is not running");
    }

    @Test
    void rename_inspectByTheNewName_oldNameGone() {
        String old = PREFIX + "old";
        String renamed = PREFIX + "new";
        assertThat(docker("create", "--name", old, image, "true").exitCode()).isZero();
        assertThat(docker("create", "--name", PREFIX + "holder", image, "true").exitCode()).isZero();

        CommandResult rename = docker("rename", old, renamed);

        assertThat(rename.exitCode()).as(rename.toString()).isZero();
        assertThat(docker("inspect", "-f", "{{.Name}}", renamed).stdout()).isEqualTo("/" + renamed + "\n");
        CommandResult gone = docker("inspect", old);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("No such object: " + old);
        CommandResult taken = docker("rename", renamed, PREFIX + "holder");
        assertThat(taken.exitCode()).isNotZero();
        assertThat(taken.stderr()).contains("Error when allocating new name: Conflict. The container name \"/"
                + PREFIX + "holder\" is already in use by container");
    }

    @Test
    void update_memory_changesInspectAndTheCgroup() {
        String name = PREFIX + "update";
        run(name, "-m", "64m", image, "sleep", "600");

        CommandResult update = docker("update", "--memory", "96m", name);

        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.stdout()).isEqualTo(name + "\n");
        assertThat(docker("inspect", "-f", "{{.HostConfig.Memory}}", name).stdout()).isEqualTo("100663296\n");
        CommandResult limit = docker("exec", name, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes");
        assertThat(limit.stdout()).as(limit.toString()).isEqualTo("100663296\n");

        CommandResult refused = docker("update", "--kernel-memory", "64m", name);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("Berth does not support --kernel-memory (UpdateConfig.KernelMemory)");
    }

    @Test
    void update_memoryOfAnUnlimitedContainer_needsTheSwapLimitToo_asDocker() {
        String name = PREFIX + "unlimited";
        run(name, image, "sleep", "600");

        CommandResult alone = docker("update", "-m", "64m", name);
        assertThat(alone.exitCode()).isNotZero();
        assertThat(alone.stderr()).contains(": Memory limit should be smaller than already set memoryswap limit,"
                + " update the memoryswap at the same time");

        CommandResult update = docker("update", "-m", "64m", "--memory-swap", "-1", name);
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(docker("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}", name).stdout())
                .isEqualTo("67108864 -1\n");
        CommandResult limit = docker("exec", name, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes");
        assertThat(limit.stdout()).as(limit.toString()).isEqualTo("67108864\n");
    }

    @Test
    void update_stoppedContainer_appliesAtTheNextStart() {
        String name = PREFIX + "stopped";
        docker("rm", "-f", name);
        assertThat(docker("create", "--name", name, "--pids-limit", "10", image,
                "cat", "/sys/fs/cgroup/pids/pids.max").exitCode()).isZero();

        CommandResult update = docker("update", "--pids-limit", "20", name);

        assertThat(update.exitCode()).as(update.toString()).isZero();
        CommandResult start = docker("start", "-a", name);
        assertThat(start.stdout()).as(start.toString()).isEqualTo("20\n");
        assertThat(docker("inspect", "-f", "{{.HostConfig.PidsLimit}}", name).stdout()).isEqualTo("20\n");
    }
}

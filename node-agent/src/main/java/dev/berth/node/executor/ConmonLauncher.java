package dev.berth.node.executor;

import dev.berth.node.command.ExternalCommand;
import dev.berth.node.config.NodeProperties;
import dev.berth.common.error.BerthException;
import dev.berth.node.nativ.Native;
import dev.berth.node.state.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts conmon, which runs {@code runc create}, and waits until the container exists (runc's pid
 * file) or conmon gave up; a refused container process is INVALID_ARGUMENT with runc's own message.
 */
@Component
class ConmonLauncher {

    /** conmon's parent only forks and writes its pid file. */
    private static final Duration PARENT_TIMEOUT = Duration.ofSeconds(30);
    private static final long CREATE_DEADLINE_MILLIS = 60_000;

    private final NodeProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    ConmonLauncher(NodeProperties properties) {
        this.properties = properties;
    }

    /** Returns conmon's pid once {@code runc create} succeeded. */
    int launch(Container container) throws IOException, InterruptedException {
        Path runDir = container.runDir();
        Path conmonPidFile = runDir.resolve("conmon.pid");
        Path runcLog = runDir.resolve("runc.log");
        Path conmonOutput = runDir.resolve("conmon.out");
        List<String> command = command(container, conmonPidFile, runcLog);
        // conmon's daemon keeps the parent's stdout: to a file, a pipe would never end. On an
        // out-of-memory kill (cgroup v1) conmon also writes an "oom" file into its working
        // directory: the run directory, not the node-agent's.
        ExternalCommand.Result parent = ExternalCommand.of(PARENT_TIMEOUT, command).appendingOutputTo(conmonOutput)
                .inDirectory(runDir).run();
        if (!parent.ok()) {
            String why = parent.timedOut() ? parent.output() : "conmon failed (" + parent.exitCode() + ")";
            throw BerthException.internal(why + ": " + read(conmonOutput), null);
        }
        int conmonPid = readPid(conmonPidFile);
        long deadline = System.currentTimeMillis() + CREATE_DEADLINE_MILLIS;
        // conmon's parent returns before its child finished runc create: wait for runc's pid file.
        while (readPid(container.pidFile()) <= 0) {
            if (!Native.isAlive(conmonPid) && readPid(container.pidFile()) <= 0) {
                throw createFailure(runcLog, conmonOutput);
            }
            if (System.currentTimeMillis() > deadline) {
                throw BerthException.internal("runc create did not finish in time", null);
            }
            Thread.sleep(1);
        }
        return conmonPid;
    }

    private List<String> command(Container container, Path conmonPidFile, Path runcLog) {
        String id = container.id();
        boolean tty = container.state().tty();
        List<String> command = new ArrayList<>(List.of(
                properties.conmonPath(), "--api-version",
                "-c", id, "-u", id, "-n", id,
                "-r", properties.runcPath(),
                "-b", container.bundle().toString(),
                "-p", container.pidFile().toString(),
                "--conmon-pidfile", conmonPidFile.toString(),
                "--exit-dir", properties.exitDir().toString(),
                "--persist-dir", container.runDir().toString(),
                "--full-attach",
                "-l", "k8s-file:" + container.logFile(),
                "--runtime-arg=--log-format=json",
                "--runtime-arg=--log=" + runcLog));
        if (tty) {
            command.add("-t");
        }
        if (container.state().openStdin()) {
            command.add("-i");
        }
        return command;
    }

    /** runc's last error message (its JSON log), else conmon's own output. */
    private BerthException createFailure(Path runcLog, Path conmonOutput) {
        String message = null;
        try {
            if (Files.exists(runcLog)) {
                for (String line : Files.readAllLines(runcLog, StandardCharsets.UTF_8)) {
                    try {
                        JsonNode entry = json.readTree(line);
                        if ("error".equals(entry.path("level").asString(""))) {
                            message = entry.path("msg").asString("");
                        }
                    } catch (RuntimeException e) {
                        // not JSON: ignore the line
                    }
                }
            }
        } catch (IOException e) {
            // fall back to conmon's output
        }
        if (message == null || message.isEmpty()) {
            message = read(conmonOutput);
        }
        return BerthException.invalid(message.isEmpty() ? "runc create failed" : message);
    }

    private static int readPid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? -1 : Integer.parseInt(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}

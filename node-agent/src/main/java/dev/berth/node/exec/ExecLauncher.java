package dev.berth.node.exec;

import dev.berth.common.error.BerthException;
import dev.berth.node.attach.AttachSocket;
import dev.berth.node.attach.OutputPump;
import dev.berth.node.config.NodeProperties;
import dev.berth.node.nativ.LibC;
import dev.berth.node.nativ.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jnr.constants.platform.Fcntl;
import jnr.posix.SpawnFileAction;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an exec under conmon ({@code --exec --exec-attach}): conmon sets up the exec's attach
 * socket and waits on its start pipe; the output pump connects, and only then is conmon released
 * to run {@code runc exec}, so attached clients get the output from its first byte. Each step is
 * awaited on conmon's own pipes, not by polling files: the attach pipe says the socket is bound,
 * the sync pipe brings runc's pid (or its failure) and later the exit status. These pipes are
 * inherited descriptors, which the JDK cannot pass: conmon is spawned with posix_spawn file actions.
 */
@Component
class ExecLauncher {

    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int START_PIPE_FD = 3;
    private static final int ATTACH_PIPE_FD = 4;
    private static final int SYNC_PIPE_FD = 5;
    private static final long DEADLINE_MILLIS = 30_000;

    private final NodeProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    ExecLauncher(NodeProperties properties) {
        this.properties = properties;
    }

    /** Launches the exec whose process spec is in its dir; returns once runc exec has its pid. */
    void launch(Exec exec, Path bundleOfContainer) throws IOException, InterruptedException {
        Path dir = exec.dir();
        Path startFifo = dir.resolve("start");
        if (Native.posix().mkfifo(startFifo.toString(), 0600) != 0) {
            throw new IOException(Native.lastError("mkfifo " + startFifo));
        }
        LibC libc = Native.libc();
        // Held read-write: the child's read-only open finds a writer and never blocks.
        int start = libc.open(startFifo.toString(), O_RDWR | LibC.O_CLOEXEC, 0);
        if (start < 0) {
            throw new IOException(Native.lastError("open " + startFifo));
        }
        ConmonPipe attach = null;
        ConmonPipe sync = null;
        boolean running = false;
        try {
            attach = ConmonPipe.open();
            sync = ConmonPipe.open();
            int parent = spawn(exec, startFifo, attach, sync);
            attach.closeWriteEnd();
            sync.closeWriteEnd();
            release(start); // conmon's first read: it may fork its daemon
            int[] status = new int[1];
            Native.posix().waitpid(parent, status, 0);
            int conmonPid = readPid(dir.resolve("conmon.pid"));
            if (conmonPid <= 0) {
                throw BerthException.internal("conmon failed for exec " + exec.id() + ": " + read(dir.resolve("conmon.out")));
            }
            exec.conmonStarted(conmonPid);
            long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            // conmon announces its attach socket once it is bound, then waits for the second start byte.
            if (attach.next(deadline) == null) {
                throw Native.isAlive(conmonPid) ? BerthException.internal("conmon did not set up the attach socket in time", null)
                        : failure(dir);
            }
            OutputPump.start(exec.id(), AttachSocket.connect(dir), exec.hub());
            release(start); // conmon's runtime child now runs runc exec
            // Once runc exec has returned, conmon sends the process's pid, or -1 and runc's error.
            ConmonPipe.Message started = sync.next(deadline);
            if (started == null && Native.isAlive(conmonPid)) {
                throw BerthException.internal("runc exec did not start in time", null);
            }
            if (started == null || started.data() <= 0) {
                throw failure(dir);
            }
            exec.started(started.data(), conmonPid, sync);
            running = true;
        } finally {
            libc.close(start);
            if (attach != null) {
                attach.close();
            }
            if (sync != null && !running) {
                sync.close();
            }
        }
    }

    private int spawn(Exec exec, Path startFifo, ConmonPipe attach, ConmonPipe sync) throws IOException {
        Path dir = exec.dir();
        List<String> argv = command(exec);
        List<SpawnFileAction> actions = new ArrayList<>();
        // Descriptors of this JVM without close-on-exec would live on in conmon: close them.
        for (int fd : inheritableDescriptors()) {
            actions.add(SpawnFileAction.close(fd));
        }
        actions.add(SpawnFileAction.open("/dev/null", 0, O_RDONLY, 0));
        actions.add(SpawnFileAction.open(dir.resolve("conmon.out").toString(), 1, O_WRONLY | O_CREAT | O_APPEND, 0600));
        actions.add(SpawnFileAction.dup(1, 2));
        actions.add(SpawnFileAction.open(startFifo.toString(), START_PIPE_FD, O_RDONLY, 0));
        // The JVM's own low descriptors are its jars and the like; a pipe there would be clobbered.
        if (attach.writeFd() <= SYNC_PIPE_FD || sync.writeFd() <= SYNC_PIPE_FD) {
            throw new IOException("pipe descriptors too low for conmon's: " + attach.writeFd() + ", " + sync.writeFd());
        }
        actions.add(SpawnFileAction.dup(attach.writeFd(), ATTACH_PIPE_FD));
        actions.add(SpawnFileAction.dup(sync.writeFd(), SYNC_PIPE_FD));
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> entry : System.getenv().entrySet()) {
            if (!entry.getKey().startsWith("_OCI_")) {
                env.add(entry.getKey() + "=" + entry.getValue());
            }
        }
        env.add("_OCI_STARTPIPE=" + START_PIPE_FD);
        env.add("_OCI_ATTACHPIPE=" + ATTACH_PIPE_FD);
        env.add("_OCI_SYNCPIPE=" + SYNC_PIPE_FD);
        long pid = Native.posix().posix_spawnp(argv.get(0), actions, argv, env);
        if (pid <= 0) {
            throw new IOException(Native.lastError("posix_spawn conmon"));
        }
        return (int) pid;
    }

    private List<String> command(Exec exec) {
        Path dir = exec.dir();
        List<String> command = new ArrayList<>(List.of(
                properties.conmonPath(), "--api-version",
                "-c", exec.containerId(), "-u", exec.id(), "-n", exec.containerId(),
                "-r", properties.runcPath(),
                "-b", dir.toString(),
                "-p", dir.resolve("pid").toString(),
                "--conmon-pidfile", dir.resolve("conmon.pid").toString(),
                "--exit-dir", dir.toString(),
                "--persist-dir", dir.toString(),
                "--full-attach",
                "-l", "k8s-file:" + dir.resolve("exec.log"),
                "--exec", "--exec-attach",
                "--exec-process-spec", dir.resolve("process.json").toString(),
                "--runtime-arg=--log-format=json",
                "--runtime-arg=--log=" + dir.resolve("runc.log")));
        if (exec.config().getTty()) {
            command.add("-t");
        }
        if (exec.config().getAttachStdin()) {
            command.add("-i");
        }
        return command;
    }

    private static List<Integer> inheritableDescriptors() throws IOException {
        List<Integer> fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            fds = entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Integer::parseInt).filter(fd -> fd > 2).toList();
        }
        List<Integer> open = new ArrayList<>();
        for (int fd : fds) {
            int flags = Native.posix().fcntl(fd, Fcntl.F_GETFD);
            if (flags >= 0 && (flags & 1) == 0) {
                open.add(fd);
            }
        }
        return open;
    }

    private static void release(int startFd) throws IOException {
        byte[] one = {0};
        if (Native.libc().write(startFd, one, 1) != 1) {
            throw new IOException(Native.lastError("write start pipe"));
        }
    }

    /** runc's last error (its JSON log), as Docker reports a failed exec. */
    private BerthException failure(Path dir) {
        String message = "";
        try {
            Path log = dir.resolve("runc.log");
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    try {
                        JsonNode entry = json.readTree(line);
                        if ("error".equals(entry.path("level").asString(""))) {
                            message = entry.path("msg").asString("");
                        }
                    } catch (RuntimeException e) {
                        // not JSON
                    }
                }
            }
        } catch (IOException e) {
            // fall back to conmon's output
        }
        if (message.isEmpty()) {
            message = read(dir.resolve("conmon.out"));
        }
        return BerthException.invalid("OCI runtime exec failed: " + (message.isEmpty() ? "runc exec failed" : message));
    }

    static int readPid(Path file) {
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

package dev.berth.node.exec;

import dev.berth.common.error.BerthException;
import dev.berth.node.attach.AttachSink;
import dev.berth.node.attach.OutputHub;
import dev.berth.node.attach.OutputKind;
import dev.berth.node.nativ.Native;
import dev.berth.node.nativ.Trees;
import dev.berth.node.bundle.Bundles;
import dev.berth.node.spec.UserResolver;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerProcess;
import dev.berth.node.state.ContainerStore;
import dev.berth.node.state.ProcessExit;
import dev.berth.node.supervisor.Supervisor;
import dev.berth.proto.v1.ExecConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docker exec} on this node: creates an exec (its process spec from the container's),
 * starts it under conmon holding the container's lock (the one locking rule of {@link Container}),
 * and records its exit once its output has ended, before attached clients see their stream end:
 * the CLI reads the exit code right after.
 */
@Component
public class ExecService {

    private static final int O_WRONLY_NONBLOCK = 1 | 04000;
    /** Docker's exit code for an exec the runtime could not start. */
    private static final int START_FAILED = 126;
    private static final long EXIT_FILE_DEADLINE_MILLIS = 30_000;

    private final ContainerStore containers;
    private final ExecStore execs;
    private final ExecLauncher launcher;
    private final Supervisor supervisor;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();

    ExecService(ContainerStore containers, ExecStore execs, ExecLauncher launcher, Supervisor supervisor) {
        this.containers = containers;
        this.execs = execs;
        this.launcher = launcher;
        this.supervisor = supervisor;
    }

    /** What inspect shows of an exec. */
    public record ExecView(String id, String containerId, boolean running, Integer exitCode, int pid,
                           ExecConfig config) {
    }

    public ExecView create(String containerId, ExecConfig config) {
        Container container = containers.get(containerId);
        if (config.getCmdCount() == 0) {
            throw BerthException.invalid("No exec command specified");
        }
        return locked(container, () -> {
            requireRunning(container);
            UserResolver.ResolvedUser user = config.getUser().isEmpty() ? null
                    : new UserResolver(container.rootfs()).resolve(config.getUser(), Bundles.groupAdd(container));
            String id = HexFormat.of().formatHex(randomBytes());
            Path dir = container.runDir().resolve("exec-" + id.substring(0, 12));
            try {
                JsonNode spec = json.readTree(container.bundle().resolve("config.json").toFile());
                Files.createDirectories(dir);
                json.writeValue(dir.resolve("process.json").toFile(), ExecProcessSpec.build(spec.path("process"), config, user));
            } catch (IOException | RuntimeException e) {
                throw BerthException.internal("cannot create exec in " + containerId + ": " + e.getMessage(), e);
            }
            Exec exec = new Exec(id, container.id(), container.state().runId(), config, dir);
            execs.add(exec);
            return view(exec);
        });
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Starts an exec nobody attaches to; completes once it runs. */
    public CompletableFuture<ExecView> startDetached(String execId) {
        Exec exec = execs.get(execId);
        claim(exec);
        return supervisor.submit(() -> {
            launch(exec);
            return view(exec);
        });
    }

    /**
     * Starts an exec with {@code sink} attached from its first byte; completes with the hub (its
     * stdin) once it runs. The sink's end comes after the exit is recorded.
     */
    public CompletableFuture<OutputHub> startAttached(String execId, AttachSink sink) {
        Exec exec = execs.get(execId);
        claim(exec);
        exec.hub().expectRun();
        exec.hub().register(new AttachSink() {
            @Override
            public void output(OutputKind kind, byte[] data) {
                sink.output(kind, data);
            }

            @Override
            public void end() {
                // After the exit and the start's own answer, which a fast process can outrun; a
                // start that failed ends the client's stream with its error instead.
                exec.launched().thenCombine(exec.process().exit(), (launched, exit) -> exit)
                        .thenRun(sink::end);
            }
        }, false);
        return supervisor.submit(() -> {
            launch(exec);
            return exec.hub();
        });
    }

    private static void claim(Exec exec) {
        if (!exec.beginStart()) {
            throw BerthException.precondition("Exec " + exec.id() + " has already been started");
        }
    }

    private void launch(Exec exec) {
        Container container = containers.get(exec.containerId());
        exec.hub().expectRun();
        // Registered before the pump starts: the exit is collected once conmon closes the output.
        exec.hub().register(new ExitCollector(exec), false);
        locked(container, () -> {
            try {
                requireRunning(container);
                launcher.launch(exec, container.bundle());
            } catch (BerthException e) {
                startFailed(exec);
                throw e;
            } catch (IOException e) {
                startFailed(exec);
                throw BerthException.internal("cannot start exec " + exec.id() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                startFailed(exec);
                throw BerthException.internal("interrupted", e);
            }
            return null;
        });
    }

    private static void startFailed(Exec exec) {
        exec.startFailed(new ProcessExit(START_FAILED, Instant.now(), false));
    }

    /** Forgets an exec that has ended and deletes its files (a healthcheck's, which nobody inspects). */
    public void discard(String execId) {
        Exec exec = execs.find(execId);
        if (exec == null) {
            return;
        }
        execs.remove(execId);
        try {
            Trees.deleteRecursively(exec.dir());
        } catch (IOException e) {
            // the container's run directory goes with its next start or its removal
        }
    }

    public ExecView inspect(String execId) {
        return view(execs.get(execId));
    }

    /** Passes a terminal size to a running TTY exec through its conmon's ctl FIFO. */
    public void resize(String execId, int rows, int cols) {
        Exec exec = execs.get(execId);
        if (exec.phase() != Exec.Phase.RUNNING || !exec.config().getTty()) {
            return;
        }
        int fd = Native.libc().open(exec.dir().resolve("ctl").toString(), O_WRONLY_NONBLOCK, 0);
        if (fd >= 0) {
            byte[] message = ("1 " + rows + " " + cols + "\n").getBytes(StandardCharsets.US_ASCII);
            Native.libc().write(fd, message, message.length);
            Native.libc().close(fd);
        }
    }

    private static ExecView view(Exec exec) {
        return new ExecView(exec.id(), exec.containerId(), exec.phase() == Exec.Phase.RUNNING,
                exec.exitCode(), exec.pid(), exec.config());
    }

    private static void requireRunning(Container container) {
        if (!container.state().isRunning()) {
            throw BerthException.precondition("Container " + container.id() + " is not running");
        }
    }

    private static <T> T locked(Container container, java.util.function.Supplier<T> action) {
        Lock lock = container.lock();
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the exec's exit file once conmon has closed its output (conmon writes the file right
     * after): on the pump's own thread, which has nothing else left to do.
     */
    private static final class ExitCollector implements AttachSink {
        private final Exec exec;

        ExitCollector(Exec exec) {
            this.exec = exec;
        }

        @Override
        public void output(OutputKind kind, byte[] data) {
            // output is for the attached clients
        }

        @Override
        public void end() {
            ContainerProcess process = exec.process();
            long deadline = System.currentTimeMillis() + EXIT_FILE_DEADLINE_MILLIS;
            awaitExitMessage(deadline);
            while (!process.hasExited()) {
                ProcessExit exit = readExit(process);
                if (exit != null) {
                    exec.exited(exit);
                } else if (!Native.isAlive(exec.conmonPid()) && readExit(process) == null
                        || System.currentTimeMillis() > deadline) {
                    exec.exited(ProcessExit.lost(Instant.now()));
                } else {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        exec.exited(ProcessExit.lost(Instant.now()));
                    }
                }
            }
        }

        /**
         * conmon sends the exit status on its sync pipe right after writing the exit files: waiting
         * for it (or for the pipe's end, if conmon died) leaves the files ready to read.
         */
        private void awaitExitMessage(long deadline) {
            try {
                // A fast process's output can end before its launcher has seen the pid message.
                exec.launched().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try (ConmonPipe sync = exec.takeSyncPipe()) {
                if (sync != null) {
                    sync.next(deadline);
                }
            } catch (IOException e) {
                // the exit files still tell
            }
        }

        private static ProcessExit readExit(ContainerProcess process) {
            for (Path file : process.exitFiles()) {
                try {
                    String text = Files.isRegularFile(file) ? Files.readString(file).trim() : "";
                    if (!text.isEmpty()) {
                        return new ProcessExit(Integer.parseInt(text), Files.getLastModifiedTime(file).toInstant(),
                                Files.exists(process.oomFile()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // being written: look again
                }
            }
            return null;
        }
    }
}

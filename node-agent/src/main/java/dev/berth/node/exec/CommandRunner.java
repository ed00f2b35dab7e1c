package dev.berth.node.exec;

import dev.berth.node.attach.AttachSink;
import dev.berth.node.attach.OutputKind;
import dev.berth.node.nativ.Native;
import dev.berth.proto.v1.ExecConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Runs a command in a running container to its end as an exec nobody sees (a healthcheck's probe):
 * its stdout and stderr together, up to a limit, and its exit code; past the timeout it is killed.
 * The exec is discarded once it has ended.
 */
@Component
public class CommandRunner {

    private static final int SIGKILL = 9;

    /** {@code exitCode} null when the exit was lost; {@code timedOut} when it was killed for the timeout. */
    public record Result(Integer exitCode, String output, boolean timedOut) {
    }

    private final ExecService execs;

    CommandRunner(ExecService execs) {
        this.execs = execs;
    }

    /** Completes exceptionally when the exec cannot be created or started (runc's message). */
    public CompletableFuture<Result> run(String containerId, List<String> cmd, int maxOutputBytes, Duration timeout) {
        ExecService.ExecView view = execs.create(containerId, ExecConfig.newBuilder().addAllCmd(cmd)
                .setAttachStdout(true).setAttachStderr(true).build());
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Result> result = new CompletableFuture<>();
        try {
            execs.startAttached(view.id(), new AttachSink() {
                @Override
                public void output(OutputKind kind, byte[] data) {
                    output.write(data);
                }

                @Override
                public void end() {
                    ended.complete(null);
                }
            }).whenComplete((hub, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                    execs.discard(view.id());
                }
            });
        } catch (RuntimeException e) {
            execs.discard(view.id());
            throw e;
        }
        ended.thenRun(() -> result.complete(new Result(execs.inspect(view.id()).exitCode(), output.text(), false)));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!result.isDone()) {
                int pid = execs.inspect(view.id()).pid();
                if (pid > 0) {
                    Native.posix().kill(pid, SIGKILL);
                }
                result.complete(new Result(null, output.text(), true));
            }
        });
        // A killed probe still ends (its conmon records the exit): only then is it forgotten.
        result.whenComplete((r, e) -> ended.thenRun(() -> execs.discard(view.id())));
        return result;
    }

    /** The first {@code limit} bytes written. */
    private static final class BoundedOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        BoundedOutput(int limit) {
            this.limit = limit;
        }

        synchronized void write(byte[] data) {
            int room = limit - bytes.size();
            if (room > 0) {
                bytes.write(data, 0, Math.min(room, data.length));
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

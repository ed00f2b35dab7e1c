package dev.berth.node.executor;

import dev.berth.node.config.NodeProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The runc command line (start, kill, delete), run directly, never through a shell. */
@Component
public class Runc {

    /** A finished runc call. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final String runc;

    public Runc(NodeProperties properties) {
        this.runc = properties.runcPath();
    }

    public Result start(String id) {
        return run("start", id);
    }

    public Result kill(String id, int signal) {
        return run("kill", id, Integer.toString(signal));
    }

    public Result delete(String id, boolean force) {
        return force ? run("delete", "--force", id) : run("delete", id);
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(runc);
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "runc " + args[0] + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}

package dev.berth.e2e.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion, its output in files so that neither pipe can fill up. */
public final class Commands {

    private Commands() {
    }

    public static CommandResult run(Duration timeout, String... command) {
        return run(timeout, Map.of(), null, List.of(command));
    }

    /** With extra environment variables, and {@code stdin} as its input (null: /dev/null). */
    public static CommandResult run(Duration timeout, Map<String, String> environment, byte[] stdin, List<String> command) {
        try {
            Path out = Files.createTempFile("cmd-out", ".txt");
            Path err = Files.createTempFile("cmd-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                }
                Process process = builder.start();
                if (stdin != null) {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(stdin);
                    }
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
                }
                return new CommandResult(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

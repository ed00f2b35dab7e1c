package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion. */
public final class Commands {

    private Commands() {
    }

    public static CommandResult run(Duration timeout, String... command) {
        try {
            Path out = Files.createTempFile("cmd-out", ".txt");
            Path err = Files.createTempFile("cmd-err", ".txt");
            try {
                Process process = new ProcessBuilder(List.of(command))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
                }
                return new CommandResult(process.exitValue(),
                        Files.readAllBytes(out),
                        Files.readAllBytes(err));
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

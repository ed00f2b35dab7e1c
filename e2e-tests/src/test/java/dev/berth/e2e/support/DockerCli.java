package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against the Berth gateway, the way a user does. */
public final class DockerCli {

    public static final String DOCKER_HOST =
            System.getenv().getOrDefault("DOCKER_HOST", "tcp://127.0.0.1:2375");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private DockerCli() {
    }

    public static CommandResult docker(String... args) {
        return run(DEFAULT_TIMEOUT, null, args);
    }

    public static CommandResult dockerWithStdin(byte[] stdin, String... args) {
        return run(DEFAULT_TIMEOUT, stdin, args);
    }

    /** Starts `docker ARGS` without waiting, stdout and stderr as pipes. */
    public static Process start(String... args) {
        try {
            return processBuilder(args).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandResult run(Duration timeout, byte[] stdin, String... args) {
        try {
            Path out = Files.createTempFile("docker-out", ".txt");
            Path err = Files.createTempFile("docker-err", ".txt");
            try {
                ProcessBuilder builder = processBuilder(args)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                }
                Process process = builder.start();
                if (stdin != null) {
                    try (var in = process.getOutputStream()) {
                        in.write(stdin);
                    }
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("docker " + String.join(" ", args) + " did not finish in " + timeout);
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

    private static ProcessBuilder processBuilder(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", DOCKER_HOST);
        builder.environment().remove("DOCKER_CONTEXT");
        return builder;
    }
}

package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real docker CLI against the Berth gateway, the way a user does. */
public final class DockerCli {

    public static final String DOCKER_HOST =
            System.getenv().getOrDefault("DOCKER_HOST", "tcp://127.0.0.1:2375");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private DockerCli() {
    }

    public static CommandResult docker(String... args) {
        return Commands.run(DEFAULT_TIMEOUT, Map.of("DOCKER_HOST", DOCKER_HOST), null, command(args));
    }

    public static CommandResult dockerWithStdin(byte[] stdin, String... args) {
        return Commands.run(DEFAULT_TIMEOUT, Map.of("DOCKER_HOST", DOCKER_HOST), stdin, command(args));
    }

    /** Starts `docker ARGS` without waiting, stdout and stderr as pipes. */
    public static Process start(String... args) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(args));
            builder.environment().put("DOCKER_HOST", DOCKER_HOST);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        return command;
    }
}

package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The checkout under test, and its bin/ scripts. */
public final class BerthHome {

    public static final Path HOME = Path.of(System.getenv().getOrDefault("BERTH_HOME", "..")).toAbsolutePath().normalize();

    private BerthHome() {
    }

    /** Kills one service with SIGKILL, as a crash would: no shutdown hook, no flush. */
    public static void killService(String service) {
        Path pidFile = Path.of(System.getenv().getOrDefault("BERTH_RUN_ROOT", "/run/berth"), "pids", service + ".pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandResult killed = Commands.run(Duration.ofSeconds(10), "kill", "-KILL", Long.toString(pid));
        if (killed.exitCode() != 0) {
            throw new AssertionError("kill -9 of " + service + " (pid " + pid + ") failed\n" + killed);
        }
    }

    /** bin/berth up: starts whatever service is not running and waits until all are healthy. */
    public static void up() {
        CommandResult result = Commands.run(Duration.ofMinutes(3), HOME.resolve("bin/berth").toString(), "up");
        if (result.exitCode() != 0) {
            throw new AssertionError("bin/berth up failed\n" + result);
        }
    }

    /** Restarts one service with bin/berth restart, which returns once the service is healthy again. */
    public static void restartService(String service) {
        CommandResult result = Commands.run(Duration.ofMinutes(3), HOME.resolve("bin/berth").toString(), "restart", service);
        if (result.exitCode() != 0) {
            throw new AssertionError("bin/berth restart " + service + " failed\n" + result);
        }
    }
}

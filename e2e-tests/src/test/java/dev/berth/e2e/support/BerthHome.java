package dev.berth.e2e.support;

import java.nio.file.Path;
import java.time.Duration;

/** The checkout under test, and its bin/ scripts. */
public final class BerthHome {

    public static final Path HOME = Path.of(System.getenv().getOrDefault("BERTH_HOME", "..")).toAbsolutePath().normalize();

    private BerthHome() {
    }

    /** Restarts one service with bin/berth restart, which returns once the service is healthy again. */
    public static void restartService(String service) {
        CommandResult result = Commands.run(Duration.ofMinutes(3), HOME.resolve("bin/berth").toString(), "restart", service);
        if (result.exitCode() != 0) {
            throw new AssertionError("bin/berth restart " + service + " failed\n" + result);
        }
    }
}

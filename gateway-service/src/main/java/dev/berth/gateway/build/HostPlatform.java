package dev.berth.gateway.build;

import dev.berth.gateway.api.DockerApiException;
import java.util.Locale;

/**
 * The one platform Berth builds for: the node's own, linux on the host's architecture. A build
 * (or a FROM) asking for another is refused, not built for the host instead.
 */
final class HostPlatform {

    private HostPlatform() {
    }

    /** The host's architecture in Go's words (amd64, arm64, ...). */
    static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    /** @param option how the user asked for it, for the error ("--platform", "FROM --platform") */
    static void require(String platform, String option) {
        String[] parts = platform.toLowerCase(Locale.ROOT).split("/");
        boolean linux = parts[0].equals("linux");
        boolean arch = parts.length < 2 || parts[1].equals(architecture());
        if (!linux || !arch || parts.length > 3) {
            throw DockerApiException.badRequest("Berth builds for linux/" + architecture() + " only, not " + option
                    + " " + platform);
        }
    }
}

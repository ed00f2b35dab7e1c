package dev.berth.gateway.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API versions this engine speaks, and the handling of the "/v1.xx" path prefix: every
 * endpoint is served unversioned and under any supported version prefix.
 */
public final class ApiVersion {

    public static final String CURRENT = "1.44";
    public static final String MINIMUM = "1.24";

    private static final Pattern PREFIX = Pattern.compile("^/v([0-9]+(?:\\.[0-9]+)*)(/.*)$");

    private ApiVersion() {
    }

    /** A path with its version prefix taken off; version is empty for an unversioned path. */
    public record VersionedPath(Optional<String> version, String path) {
    }

    static VersionedPath split(String path) {
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            return new VersionedPath(Optional.empty(), path);
        }
        return new VersionedPath(Optional.of(m.group(1)), m.group(2));
    }

    /** Docker's refusal for an unsupported client version, or empty when it is supported. */
    static Optional<String> refusal(String version) {
        if (compare(version, CURRENT) > 0) {
            return Optional.of("client version " + version + " is too new. Maximum supported API version is "
                    + CURRENT);
        }
        if (compare(version, MINIMUM) < 0) {
            return Optional.of("client version " + version + " is too old. Minimum supported API version is "
                    + MINIMUM + ", please upgrade your client to a newer version");
        }
        return Optional.empty();
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? Long.parseLong(x[i]) : 0;
            long yi = i < y.length ? Long.parseLong(y[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        return 0;
    }
}

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HealthConfig;
import tools.jackson.databind.JsonNode;

/**
 * Reads Config.Healthcheck ({@code --health-cmd}, {@code --health-interval}...) with Docker's
 * checks: a duration, when given, is at least 1 ms, and retries are not negative.
 */
final class HealthcheckReader {

    /** Docker's MinimumDuration for the healthcheck's durations, in nanoseconds. */
    static final long MINIMUM_NANOS = 1_000_000;

    private HealthcheckReader() {
    }

    /** The healthcheck, or null when the body has none. */
    static HealthConfig read(JsonNode body) {
        JsonNode node = body.get("Healthcheck");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw badJson("Healthcheck must be an object");
        }
        HealthConfig.Builder out = HealthConfig.newBuilder();
        JsonNode test = node.get("Test");
        if (test != null && !test.isNull()) {
            if (!test.isArray()) {
                throw badJson("Healthcheck.Test must be a list of strings");
            }
            test.values().forEach(arg -> out.addTest(arg.asString()));
        }
        out.setInterval(duration(node, "Interval"))
                .setTimeout(duration(node, "Timeout"))
                .setStartPeriod(duration(node, "StartPeriod"))
                .setStartInterval(duration(node, "StartInterval"));
        long retries = integer(node, "Retries");
        if (retries < 0) {
            throw DockerApiException.badRequest("Retries in Healthcheck cannot be negative");
        }
        if (retries > Integer.MAX_VALUE) {
            throw badJson("Healthcheck.Retries is too large");
        }
        out.setRetries((int) retries);
        if (out.getTestCount() > 0 && !isKnownForm(out.getTest(0))) {
            throw DockerApiException.badRequest("unknown Healthcheck Test type: " + out.getTest(0)
                    + " (expected NONE, CMD or CMD-SHELL)");
        }
        return out.build();
    }

    private static boolean isKnownForm(String first) {
        return first.equals("NONE") || first.equals("CMD") || first.equals("CMD-SHELL");
    }

    private static long duration(JsonNode node, String field) {
        long nanos = integer(node, field);
        if (nanos != 0 && nanos < MINIMUM_NANOS) {
            throw DockerApiException.badRequest(field + " in Healthcheck cannot be less than 1ms");
        }
        return nanos;
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw badJson("Healthcheck." + field + " must be an integer");
        }
        return value.longValue();
    }

    private static DockerApiException badJson(String what) {
        return DockerApiException.badRequest("invalid JSON: " + what);
    }
}

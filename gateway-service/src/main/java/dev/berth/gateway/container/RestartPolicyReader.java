package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.RestartPolicy;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** HostConfig.RestartPolicy of a create request, checked as dockerd checks it (and in its words). */
public final class RestartPolicyReader {

    private static final Set<String> WITHOUT_RETRIES = Set.of("no", "always", "unless-stopped");

    private RestartPolicyReader() {
    }

    /** A create's policy: "no" (or none) is the default instance; with AutoRemove only "no" is allowed. */
    static RestartPolicy read(JsonNode host) {
        RestartPolicy policy = parse(host.path("RestartPolicy"));
        boolean restarts = !policy.getName().isEmpty() && !policy.getName().equals("no");
        if (restarts && host.path("AutoRemove").asBoolean(false)) {
            throw DockerApiException.badRequest("can't create 'AutoRemove' container with restart policy");
        }
        return restarts ? policy : RestartPolicy.getDefaultInstance();
    }

    /**
     * A RestartPolicy object checked as dockerd checks it, its name as given ("" when absent: clients
     * before API 1.44 send an empty name, whatever the count, for "no"; the count is then dropped).
     */
    public static RestartPolicy parse(JsonNode policy) {
        if (!policy.isObject()) {
            return RestartPolicy.getDefaultInstance();
        }
        String name = policy.path("Name").asString("");
        JsonNode retries = policy.path("MaximumRetryCount");
        if (!retries.isMissingNode() && !retries.isNull() && !retries.canConvertToInt()) {
            throw DockerApiException.badRequest("invalid JSON: HostConfig.RestartPolicy.MaximumRetryCount must be an integer");
        }
        int maximum = retries.asInt(0);
        if (WITHOUT_RETRIES.contains(name)) {
            if (maximum != 0) {
                throw DockerApiException.badRequest("invalid restart policy: maximum retry count can only be used with 'on-failure'"
                        + (maximum < 0 ? " and cannot be negative" : ""));
            }
        } else if (name.equals("on-failure")) {
            if (maximum < 0) {
                throw DockerApiException.badRequest("invalid restart policy: maximum retry count cannot be negative");
            }
        } else if (!name.isEmpty()) {
            throw DockerApiException.badRequest("invalid restart policy: unknown policy '" + name
                    + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
        return name.isEmpty() ? RestartPolicy.getDefaultInstance()
                : RestartPolicy.newBuilder().setName(name).setMaximumRetryCount(maximum).build();
    }
}

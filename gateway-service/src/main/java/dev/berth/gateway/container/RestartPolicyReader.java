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

    public static RestartPolicy read(JsonNode host) {
        JsonNode policy = host.path("RestartPolicy");
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
        boolean restarts = !name.isEmpty() && !name.equals("no");
        if (restarts && host.path("AutoRemove").asBoolean(false)) {
            throw DockerApiException.badRequest("can't create 'AutoRemove' container with restart policy");
        }
        // An empty name (clients before API 1.44) means "no", whatever the count.
        return restarts ? RestartPolicy.newBuilder().setName(name).setMaximumRetryCount(maximum).build()
                : RestartPolicy.getDefaultInstance();
    }
}

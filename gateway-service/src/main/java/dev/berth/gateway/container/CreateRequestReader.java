package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.HostConfig;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the body of POST /containers/create, keeping "absent" apart from "empty". */
final class CreateRequestReader {

    private CreateRequestReader() {
    }

    /** The request as the client sent it (no name yet); container-service merges the image's config in. */
    static CreateContainerRequest read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw DockerApiException.badRequest("config cannot be empty in order to create a container");
        }
        if (!body.isObject()) {
            throw DockerApiException.badRequest("invalid JSON: the body must be a JSON object");
        }
        CreateOptions.refuseUnhonoured(body);
        JsonNode host = body.path("HostConfig");
        String image = text(body, "Image");
        if (image.isEmpty()) {
            throw DockerApiException.badRequest("No image was specified");
        }
        ContainerConfig.Builder config = ContainerConfig.newBuilder()
                .setHostname(text(body, "Hostname"))
                .setDomainname(text(body, "Domainname"))
                .setUser(text(body, "User"))
                .setAttachStdin(body.path("AttachStdin").asBoolean(false))
                .setAttachStdout(body.path("AttachStdout").asBoolean(false))
                .setAttachStderr(body.path("AttachStderr").asBoolean(false))
                .setTty(body.path("Tty").asBoolean(false))
                .setOpenStdin(body.path("OpenStdin").asBoolean(false))
                .setStdinOnce(body.path("StdinOnce").asBoolean(false))
                .addAllEnv(orEmpty(strings(body.get("Env"))))
                .addAllCmd(orEmpty(strings(body.get("Cmd"))))
                .setImage(image)
                .setWorkingDir(text(body, "WorkingDir"))
                .putAllLabels(labels(body.get("Labels")))
                .setStopSignal(text(body, "StopSignal"))
                .addAllExposedPorts(keys(body.get("ExposedPorts")))
                .addAllVolumes(keys(body.get("Volumes")));
        List<String> entrypoint = strings(body.get("Entrypoint"));
        if (entrypoint != null) {
            config.addAllEntrypoint(entrypoint);
        }
        HealthConfig healthcheck = HealthcheckReader.read(body);
        if (healthcheck != null) {
            config.setHealthcheck(healthcheck);
        }
        Integer stopTimeout = integer(body, "StopTimeout");
        if (stopTimeout != null) {
            config.setStopTimeout(stopTimeout);
        }
        HostConfig hostConfig = NetworkingConfigReader.read(body.path("NetworkingConfig"), hostConfig(host));
        ContainerNetworkModeRules.check(config, hostConfig);
        return CreateContainerRequest.newBuilder()
                .setConfig(config)
                .setEntrypointGiven(entrypoint != null)
                .setHostConfig(hostConfig)
                .build();
    }

    /** The HostConfig fields Berth honours (see {@link CreateOptions}); absent ones keep Docker's defaults. */
    private static HostConfig hostConfig(JsonNode host) {
        HostConfig.Builder out = HostConfig.newBuilder();
        if (!host.isObject()) {
            return out.build();
        }
        out.setAutoRemove(host.path("AutoRemove").asBoolean(false))
                .setNetworkMode(text(host, "NetworkMode"))
                .setMemory(int64(host, "Memory"))
                .setMemorySwap(int64(host, "MemorySwap"))
                .setMemoryReservation(int64(host, "MemoryReservation"))
                .setNanoCpus(int64(host, "NanoCpus"))
                .setCpuShares(int64(host, "CpuShares"))
                .setCpuQuota(int64(host, "CpuQuota"))
                .setCpuPeriod(int64(host, "CpuPeriod"))
                .setCpusetCpus(text(host, "CpusetCpus"))
                .setCpusetMems(text(host, "CpusetMems"))
                .setBlkioWeight(blkioWeight(host));
        dev.berth.proto.v1.RestartPolicy restartPolicy = RestartPolicyReader.read(host);
        if (!restartPolicy.equals(dev.berth.proto.v1.RestartPolicy.getDefaultInstance())) {
            out.setRestartPolicy(restartPolicy);
        }
        ConfigOptionsReader.read(host, out);
        JsonNode pids = host.get("PidsLimit");
        if (pids != null && !pids.isNull()) {
            out.setPidsLimit(int64(host, "PidsLimit"));
        }
        SecurityReader.read(host, out);
        PortBindingsReader.read(host, out);
        MountsReader.read(host, out);
        out.addAllLinks(orEmpty(strings(host.get("Links"))));
        return out.build();
    }

    /** Docker's field is a uint16. */
    private static int blkioWeight(JsonNode host) {
        long weight = int64(host, "BlkioWeight");
        if (weight < 0 || weight > 0xFFFF) {
            throw DockerApiException.badRequest("invalid JSON: HostConfig.BlkioWeight must be from 0 to 65535");
        }
        return (int) weight;
    }

    /** A JSON integer; 0 when absent or null (Docker's "not set"). */
    private static long int64(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw DockerApiException.badRequest("invalid JSON: HostConfig." + field + " must be an integer");
        }
        return value.longValue();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be an integer");
        }
        return value.intValue();
    }

    /** A list of strings, or null when absent; a lone string counts as a one-element list (old clients). */
    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(v -> list.add(v.asString()));
        } else {
            list.add(node.asString());
        }
        return list;
    }

    private static Map<String, String> labels(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    private static List<String> keys(JsonNode node) {
        if (node == null || !node.isObject()) {
            return List.of();
        }
        return new ArrayList<>(node.propertyNames());
    }
}

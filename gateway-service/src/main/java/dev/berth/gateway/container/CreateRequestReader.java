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
                .setAttachStdin(bool(body, "AttachStdin"))
                .setAttachStdout(bool(body, "AttachStdout"))
                .setAttachStderr(bool(body, "AttachStderr"))
                .setTty(bool(body, "Tty"))
                .setOpenStdin(bool(body, "OpenStdin"))
                .setStdinOnce(bool(body, "StdinOnce"))
                .addAllEnv(orEmpty(strings(body.get("Env"), "Env")))
                .addAllCmd(orEmpty(strings(body.get("Cmd"), "Cmd")))
                .setImage(image)
                .setWorkingDir(text(body, "WorkingDir"))
                .putAllLabels(labels(body.get("Labels"), "Labels"))
                .setStopSignal(text(body, "StopSignal"))
                .addAllExposedPorts(keys(body.get("ExposedPorts"), "ExposedPorts"))
                .addAllVolumes(keys(body.get("Volumes"), "Volumes"));
        List<String> entrypoint = strings(body.get("Entrypoint"), "Entrypoint");
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
        out.addAllLinks(orEmpty(strings(host.get("Links"), "HostConfig.Links")));
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

    /** A JSON string; "" when absent or null. Another type is refused, as newer Docker does (not coerced). */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isString()) {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be a string");
        }
        return value.asString();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be a boolean");
        }
        return value.booleanValue();
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
    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode value : node.values()) {
                if (!value.isString()) {
                    throw DockerApiException.badRequest("invalid JSON: " + field + " must be a list of strings");
                }
                list.add(value.asString());
            }
        } else if (node.isString()) {
            list.add(node.asString());
        } else {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be a list of strings");
        }
        return list;
    }

    private static Map<String, String> labels(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be an object of strings");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw DockerApiException.badRequest("invalid JSON: " + field + "." + entry.getKey() + " must be a string");
            }
            labels.put(entry.getKey(), entry.getValue().asString());
        }
        return labels;
    }

    private static List<String> keys(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be an object");
        }
        return new ArrayList<>(node.propertyNames());
    }
}

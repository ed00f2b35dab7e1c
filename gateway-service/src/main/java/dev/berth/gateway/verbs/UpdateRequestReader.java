package dev.berth.gateway.verbs;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.RestartPolicy;
import dev.berth.proto.v1.UpdateContainerRequest;

import java.util.Map;
import java.util.Set;
import dev.berth.gateway.container.RestartPolicyReader;
import tools.jackson.databind.JsonNode;

/**
 * The body of POST /containers/{id}/update (Docker's UpdateConfig). The CLI sends every field,
 * unset ones as zero, empty or null: a resource Berth applies is carried when set; any other
 * field that is set is refused with a 400 naming it.
 */
final class UpdateRequestReader {

    private static final Set<String> HONOURED = Set.of("Memory", "MemorySwap", "MemoryReservation", "NanoCpus",
            "CpuShares", "CpuQuota", "CpuPeriod", "CpusetCpus", "CpusetMems", "PidsLimit", "BlkioWeight",
            "RestartPolicy");

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("RestartPolicy", "--restart"),
            Map.entry("KernelMemory", "--kernel-memory"),
            Map.entry("CpuRealtimePeriod", "--cpu-rt-period"),
            Map.entry("CpuRealtimeRuntime", "--cpu-rt-runtime"),
            Map.entry("MemorySwappiness", "--memory-swappiness"),
            Map.entry("BlkioWeightDevice", "--blkio-weight-device"),
            Map.entry("BlkioDeviceReadBps", "--device-read-bps"),
            Map.entry("BlkioDeviceWriteBps", "--device-write-bps"),
            Map.entry("BlkioDeviceReadIOps", "--device-read-iops"),
            Map.entry("BlkioDeviceWriteIOps", "--device-write-iops"));

    private UpdateRequestReader() {
    }

    static UpdateContainerRequest read(String ref, JsonNode body) {
        UpdateContainerRequest.Builder out = UpdateContainerRequest.newBuilder().setRef(ref);
        if (body == null || body.isNull()) {
            return out.build();
        }
        if (!body.isObject()) {
            throw DockerApiException.badRequest("invalid update body: expected a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!HONOURED.contains(field.getKey()) && !isDefault(field.getKey(), field.getValue())) {
                throw refusal(field.getKey());
            }
        }
        number(body, "Memory").ifPresent(out::setMemory);
        number(body, "MemorySwap").ifPresent(out::setMemorySwap);
        number(body, "MemoryReservation").ifPresent(out::setMemoryReservation);
        number(body, "NanoCpus").ifPresent(out::setNanoCpus);
        number(body, "CpuShares").ifPresent(out::setCpuShares);
        number(body, "CpuQuota").ifPresent(out::setCpuQuota);
        number(body, "CpuPeriod").ifPresent(out::setCpuPeriod);
        number(body, "PidsLimit").ifPresent(out::setPidsLimit);
        number(body, "BlkioWeight").ifPresent(v -> out.setBlkioWeight(Math.toIntExact(v)));
        text(body, "CpusetCpus").ifPresent(out::setCpusetCpus);
        text(body, "CpusetMems").ifPresent(out::setCpusetMems);
        // The CLI sends an empty name when --restart is not given: nothing to change then.
        RestartPolicy policy = RestartPolicyReader.parse(body.path("RestartPolicy"));
        if (!policy.getName().isEmpty()) {
            out.setRestartPolicy(policy);
        }
        return out.build();
    }

    /** A number the client sent (null is "not sent"); a non-number is a 400. */
    private static java.util.Optional<Long> number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw DockerApiException.badRequest("invalid value for " + field + ": " + value);
        }
        return java.util.Optional.of(value.longValue());
    }

    private static java.util.Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.asString("").isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(value.asString());
    }

    /** What the CLI sends for an option the user did not give. */
    static boolean isDefault(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        return switch (field) {
            case "MemorySwappiness" -> value.isIntegralNumber() && value.longValue() == -1;
            case "RestartPolicy" -> value.isObject() && value.path("Name").asString("").isEmpty()
                    && value.path("MaximumRetryCount").asLong(0) == 0;
            default -> value.isNumber() ? value.asDouble() == 0
                    : value.isString() ? value.asString().isEmpty()
                    : value.isBoolean() ? !value.asBoolean()
                    : value.isContainer() && value.isEmpty();
        };
    }

    private static DockerApiException refusal(String field) {
        String flag = FLAGS.get(field);
        String option = flag == null ? "UpdateConfig." + field : flag + " (UpdateConfig." + field + ")";
        return DockerApiException.badRequest("Berth does not support " + option + " in docker update yet");
    }

}

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * The one list of the create request's options Berth honours. Every other Config or HostConfig
 * field of the Engine API (shared/spec, v1.44) that carries a value other than its default is
 * refused with a 400 naming it: no option a user passes is dropped in silence.
 */
final class CreateOptions {

    /** Config fields (the top level of the create body) that Berth applies to the container. */
    static final Set<String> HONOURED_CONFIG = Set.of(
            "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty",
            "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "WorkingDir", "Entrypoint", "Labels",
            "StopSignal", "StopTimeout", "Healthcheck", "Volumes");

    /** HostConfig fields Berth applies. ConsoleSize is the CLI's terminal size, followed by a resize. */
    static final Set<String> HONOURED_HOST_CONFIG = Set.of(
            "AutoRemove", "NetworkMode", "ConsoleSize",
            "Memory", "MemorySwap", "MemoryReservation", "NanoCpus", "CpuShares", "CpuQuota", "CpuPeriod",
            "CpusetCpus", "CpusetMems", "PidsLimit", "BlkioWeight",
            "RestartPolicy",
            "Init", "Ulimits", "Sysctls", "ShmSize", "ReadonlyRootfs", "Tmpfs", "GroupAdd", "Binds",
            "PortBindings", "PublishAllPorts", "Mounts", "Links",

            "Privileged", "CapAdd", "CapDrop", "SecurityOpt", "Devices", "MaskedPaths", "ReadonlyPaths");

    /** Top-level parts of the body that are not Config fields. */
    private static final Set<String> NOT_CONFIG = Set.of("HostConfig", "NetworkingConfig");

    /** The docker CLI's flag for a field, so the message names what the user typed. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            entry("Domainname", "--domainname"), entry("Healthcheck", "--health-cmd"),
            entry("Volumes", "--volume"), entry("MacAddress", "--mac-address"), entry("Shell", "SHELL"),
            entry("OnBuild", "ONBUILD"), entry("NetworkDisabled", "--network none"),
            entry("ContainerIDFile", "--cidfile"), entry("LogConfig", "--log-driver"),
            entry("PortBindings", "--publish"), entry("VolumeDriver", "--volume-driver"), entry("VolumesFrom", "--volumes-from"), entry("Mounts", "--mount"),
            entry("CapAdd", "--cap-add"), entry("CapDrop", "--cap-drop"), entry("CgroupnsMode", "--cgroupns"),
            entry("Dns", "--dns"), entry("DnsOptions", "--dns-option"), entry("DnsSearch", "--dns-search"),
            entry("ExtraHosts", "--add-host"), entry("GroupAdd", "--group-add"), entry("IpcMode", "--ipc"),
            entry("Cgroup", "--cgroup"), entry("Links", "--link"), entry("OomScoreAdj", "--oom-score-adj"),
            entry("PidMode", "--pid"), entry("Privileged", "--privileged"), entry("PublishAllPorts", "--publish-all"),
            entry("ReadonlyRootfs", "--read-only"), entry("SecurityOpt", "--security-opt"),
            entry("StorageOpt", "--storage-opt"), entry("Tmpfs", "--tmpfs"), entry("UTSMode", "--uts"),
            entry("UsernsMode", "--userns"), entry("ShmSize", "--shm-size"), entry("Sysctls", "--sysctl"),
            entry("Runtime", "--runtime"), entry("Isolation", "--isolation"), entry("CgroupParent", "--cgroup-parent"),
            entry("BlkioWeightDevice", "--blkio-weight-device"), entry("BlkioDeviceReadBps", "--device-read-bps"),
            entry("BlkioDeviceWriteBps", "--device-write-bps"), entry("BlkioDeviceReadIOps", "--device-read-iops"),
            entry("BlkioDeviceWriteIOps", "--device-write-iops"), entry("CpuRealtimePeriod", "--cpu-rt-period"),
            entry("CpuRealtimeRuntime", "--cpu-rt-runtime"), entry("Devices", "--device"),
            entry("DeviceCgroupRules", "--device-cgroup-rule"), entry("DeviceRequests", "--gpus"),
            entry("KernelMemoryTCP", "--kernel-memory"), entry("MemorySwappiness", "--memory-swappiness"),
            entry("OomKillDisable", "--oom-kill-disable"), entry("Init", "--init"), entry("Ulimits", "--ulimit"),
            entry("CpuCount", "--cpu-count"), entry("CpuPercent", "--cpu-percent"),
            entry("IOMaximumIOps", "--io-maxiops"), entry("IOMaximumBandwidth", "--io-maxbandwidth"),
            entry("Annotations", "--annotation"));

    private CreateOptions() {
    }

    /** Refuses the first field Berth does not honour that carries a value; the body is a JSON object. */
    static void refuseUnhonoured(JsonNode body) {
        body.properties().forEach(field -> {
            if (!NOT_CONFIG.contains(field.getKey()) && !HONOURED_CONFIG.contains(field.getKey())
                    && !isDefault(field.getKey(), field.getValue())) {
                throw refusal("Config", field.getKey());
            }
        });
        JsonNode host = body.get("HostConfig");
        if (host == null || !host.isObject()) {
            return;
        }
        host.properties().forEach(field -> {
            if (!HONOURED_HOST_CONFIG.contains(field.getKey()) && !isDefault(field.getKey(), field.getValue())) {
                throw refusal("HostConfig", field.getKey());
            }
        });
    }

    private static DockerApiException refusal(String part, String field) {
        String flag = FLAGS.get(field);
        String option = flag == null ? part + "." + field : flag + " (" + part + "." + field + ")";
        return DockerApiException.badRequest("Berth does not support " + option + " yet");
    }

    /** The value the docker CLI sends when the user did not give the option. */
    static boolean isDefault(String field, JsonNode value) {
        return switch (field) {
            case "MemorySwappiness" -> isEmpty(value) || (value.isIntegralNumber() && value.longValue() == -1);
            case "LogConfig" -> isEmpty(value) || (value.isObject() && value.path("Type").asString("").isEmpty()
                    && isEmpty(value.path("Config")) && value.size() <= 2);
            default -> isEmpty(value);
        };
    }

    /** null, false, zero, "", [] or {}. */
    private static boolean isEmpty(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() == 0;
        }
        if (value.isString()) {
            return value.asString().isEmpty();
        }
        return value.isContainer() && value.isEmpty();
    }
}

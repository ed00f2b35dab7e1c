package dev.berth.gateway.container;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerState;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.Health;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.MountSpec;
import dev.berth.proto.v1.VolumeMount;
import dev.berth.proto.v1.Ulimit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Containers in the JSON shapes of the Docker API: ContainerInspectResponse and ContainerSummary. */
public final class ContainerViews {

    private ContainerViews() {
    }

    static Map<String, Object> inspect(Container c) {
        List<String> command = command(c.getConfig());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", c.getId());
        out.put("Created", DockerTime.rfc3339Nano(c.hasCreated(), c.getCreated()));
        out.put("Path", command.isEmpty() ? "" : command.get(0));
        out.put("Args", command.isEmpty() ? List.of() : command.subList(1, command.size()));
        out.put("State", state(c.getState()));
        out.put("Image", c.getImageId());
        out.put("ResolvConfPath", c.getFiles().getResolvConfPath());
        out.put("HostnamePath", c.getFiles().getHostnamePath());
        out.put("HostsPath", c.getFiles().getHostsPath());
        out.put("LogPath", c.getFiles().getLogPath());
        out.put("Name", "/" + c.getName());
        out.put("RestartCount", c.getRestartCount());
        out.put("Driver", "overlay2");
        out.put("Platform", "linux");
        out.put("MountLabel", "");
        out.put("ProcessLabel", "");
        out.put("AppArmorProfile", appArmorProfile(c.getHostConfig()));
        out.put("ExecIDs", null);
        out.put("HostConfig", hostConfig(c));
        out.put("GraphDriver", Map.of("Name", "overlay2", "Data", Map.of()));
        out.put("Mounts", mounts(c.getHostConfig()));
        out.put("Config", config(c));
        out.put("NetworkSettings", NetworkViews.settings(c));
        return out;
    }

    public static Map<String, Object> summary(Container c, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", c.getId());
        out.put("Names", List.of("/" + c.getName()));
        out.put("Image", c.getConfig().getImage());
        out.put("ImageID", c.getImageId());
        out.put("Command", String.join(" ", command(c.getConfig())));
        out.put("Created", c.getCreated().getSeconds());
        out.put("Ports", NetworkViews.summaryPorts(c));
        out.put("Labels", c.getConfig().getLabelsMap());
        out.put("State", ContainerStatusText.state(c.getState().getStatus()));
        out.put("Status", ContainerStatusText.status(c.getState(), now));
        out.put("HostConfig", Map.of("NetworkMode", networkMode(c)));
        out.put("NetworkSettings", NetworkViews.summarySettings(c));
        out.put("Mounts", mounts(c.getHostConfig()));
        return out;
    }

    /** Entrypoint then Cmd: what the container runs. */
    static List<String> command(ContainerConfig config) {
        List<String> command = new ArrayList<>(config.getEntrypointList());
        command.addAll(config.getCmdList());
        return command;
    }

    private static Map<String, Object> state(ContainerState s) {
        ContainerStatus status = s.getStatus();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Status", ContainerStatusText.state(status));
        out.put("Running", status == ContainerStatus.CONTAINER_STATUS_RUNNING
                || status == ContainerStatus.CONTAINER_STATUS_PAUSED);
        out.put("Paused", status == ContainerStatus.CONTAINER_STATUS_PAUSED);
        out.put("Restarting", status == ContainerStatus.CONTAINER_STATUS_RESTARTING);
        out.put("OOMKilled", s.getOomKilled());
        out.put("Dead", status == ContainerStatus.CONTAINER_STATUS_DEAD);
        out.put("Pid", s.getPid());
        out.put("ExitCode", s.getExitCode());
        out.put("Error", s.getError());
        out.put("StartedAt", DockerTime.rfc3339Nano(s.hasStartedAt(), s.getStartedAt()));
        out.put("FinishedAt", DockerTime.rfc3339Nano(s.hasFinishedAt(), s.getFinishedAt()));
        if (s.hasHealth()) {
            out.put("Health", health(s.getHealth()));
        }
        return out;
    }

    private static Map<String, Object> restartPolicy(dev.berth.proto.v1.RestartPolicy policy) {
        return Map.of("Name", policy.getName().isEmpty() ? "no" : policy.getName(),
                "MaximumRetryCount", policy.getMaximumRetryCount());
    }

    /**
     * Docker's Mounts entries for the binds. The node checked each spec at create, so a split on ':'
     * is enough here: SOURCE:DESTINATION[:MODE], MODE a list of ro|rw and one propagation.
     */
    static List<Map<String, Object>> mounts(HostConfig host) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String bind : host.getBindsList()) {
            if (!bind.startsWith("/")) {
                continue; // a volume: below, from what container-service resolved
            }
            String[] parts = bind.split(":", 3);
            String mode = parts.length == 3 ? parts[2] : "";
            List<String> modes = List.of(mode.split(","));
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("Type", "bind");
            mount.put("Source", Path.of(parts[0]).normalize().toString());
            mount.put("Destination", Path.of(parts[1]).normalize().toString());
            mount.put("Mode", mode);
            mount.put("RW", !modes.contains("ro"));
            mount.put("Propagation", modes.stream().filter(m -> !m.isEmpty() && !m.equals("ro") && !m.equals("rw"))
                    .findFirst().orElse("rprivate"));
            out.add(mount);
        }
        for (VolumeMount volume : host.getVolumeMountsList()) {
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("Type", "volume");
            mount.put("Name", volume.getName());
            mount.put("Source", volume.getSource());
            mount.put("Destination", volume.getDestination());
            mount.put("Driver", "local");
            mount.put("Mode", volume.getReadOnly() ? "ro" : "z");
            mount.put("RW", !volume.getReadOnly());
            mount.put("Propagation", "");
            out.add(mount);
        }
        for (MountSpec spec : host.getMountsList()) {
            if (spec.getType().equals("volume")) {
                continue;
            }
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("Type", spec.getType());
            mount.put("Source", spec.getSource());
            mount.put("Destination", spec.getTarget());
            mount.put("Mode", "");
            mount.put("RW", !spec.getReadOnly());
            mount.put("Propagation", spec.getType().equals("bind")
                    ? (spec.getPropagation().isEmpty() ? "rprivate" : spec.getPropagation()) : "");
            out.add(mount);
        }
        return out;
    }

    private static Map<String, Object> hostConfig(Container c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Binds", c.getHostConfig().getBindsCount() > 0 ? c.getHostConfig().getBindsList() : null);
        out.put("NetworkMode", networkMode(c));
        // Docker shows links as "/NAME:/CONTAINER/ALIAS"; as given is enough for its clients
        out.put("Links", c.getHostConfig().getLinksCount() > 0 ? c.getHostConfig().getLinksList() : null);
        out.put("PortBindings", NetworkViews.portBindings(c.getHostConfig()));
        out.put("RestartPolicy", restartPolicy(c.getHostConfig().getRestartPolicy()));
        out.put("AutoRemove", c.getHostConfig().getAutoRemove());
        // conmon writes the log, in the k8s-file format (Podman's name for it).
        out.put("LogConfig", Map.of("Type", "k8s-file", "Config", Map.of()));
        out.put("VolumeDriver", "");
        out.put("VolumesFrom", null);
        out.put("Privileged", c.getHostConfig().getPrivileged());
        out.put("PublishAllPorts", c.getHostConfig().getPublishAllPorts());
        out.put("ReadonlyRootfs", c.getHostConfig().getReadonlyRootfs());
        out.put("Dns", List.of());
        out.put("DnsOptions", List.of());
        out.put("DnsSearch", List.of());
        out.put("ExtraHosts", null);
        out.put("GroupAdd", c.getHostConfig().getGroupAddCount() == 0 ? null : c.getHostConfig().getGroupAddList());
        out.put("CapAdd", nullIfEmpty(c.getHostConfig().getCapAddList()));
        out.put("CapDrop", nullIfEmpty(c.getHostConfig().getCapDropList()));
        out.put("CgroupnsMode", "host");
        out.put("IpcMode", "private");
        out.put("PidMode", "");
        out.put("UTSMode", "");
        out.put("UsernsMode", "");
        out.put("ShmSize", c.getHostConfig().getShmSize());
        if (c.getHostConfig().getSysctlsCount() > 0) {
            out.put("Sysctls", c.getHostConfig().getSysctlsMap());
        }
        out.put("Runtime", "runc");
        out.put("Isolation", "");
        if (c.getHostConfig().getTmpfsCount() > 0) {
            out.put("Tmpfs", c.getHostConfig().getTmpfsMap());
        }
        security(c.getHostConfig(), out);
        resources(c.getHostConfig(), out);
        if (c.getHostConfig().hasInit()) {
            out.put("Init", c.getHostConfig().getInit());
        }
        out.put("ConsoleSize", List.of(0, 0));
        return out;
    }

    /** As the client sent them; the masked and read-only paths as the node applies them (null: none). */
    private static void security(HostConfig h, Map<String, Object> out) {
        out.put("SecurityOpt", nullIfEmpty(h.getSecurityOptList()));
        List<Map<String, String>> devices = new ArrayList<>();
        h.getDevicesList().forEach(d -> {
            Map<String, String> device = new LinkedHashMap<>();
            device.put("PathOnHost", d.getPathOnHost());
            device.put("PathInContainer", d.getPathInContainer());
            device.put("CgroupPermissions", d.getCgroupPermissions());
            devices.add(device);
        });
        out.put("Devices", devices);
        out.put("MaskedPaths", h.hasMaskedPaths() ? h.getMaskedPaths().getPathsList() : null);
        out.put("ReadonlyPaths", h.hasReadonlyPaths() ? h.getReadonlyPaths().getPathsList() : null);
    }

    /** As dockerd records it: the apparmor= security option, though a node without AppArmor cannot apply it. */
    private static String appArmorProfile(HostConfig h) {
        String profile = "";
        for (String option : h.getSecurityOptList()) {
            if (option.startsWith("apparmor=") || option.startsWith("apparmor:")) {
                profile = option.substring("apparmor=".length());
            }
        }
        return profile;
    }

    private static List<String> nullIfEmpty(List<String> list) {
        return list.isEmpty() ? null : list;
    }

    /** The resource limits as the node applies them (0 or "": none; PidsLimit null: none). */
    private static void resources(HostConfig h, Map<String, Object> out) {
        out.put("CpuShares", h.getCpuShares());
        out.put("Memory", h.getMemory());
        out.put("NanoCpus", h.getNanoCpus());
        out.put("BlkioWeight", h.getBlkioWeight());
        out.put("CpuPeriod", h.getCpuPeriod());
        out.put("CpuQuota", h.getCpuQuota());
        out.put("CpusetCpus", h.getCpusetCpus());
        out.put("CpusetMems", h.getCpusetMems());
        out.put("MemoryReservation", h.getMemoryReservation());
        out.put("MemorySwap", h.getMemorySwap());
        out.put("PidsLimit", h.hasPidsLimit() ? h.getPidsLimit() : null);
        out.put("Ulimits", h.getUlimitsList().stream().map(ContainerViews::ulimit).toList());
    }

    private static Map<String, Object> health(Health h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Status", h.getStatus());
        out.put("FailingStreak", h.getFailingStreak());
        out.put("Log", h.getLogList().stream().map(entry -> {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("Start", DockerTime.rfc3339Nano(entry.hasStart(), entry.getStart()));
            log.put("End", DockerTime.rfc3339Nano(entry.hasEnd(), entry.getEnd()));
            log.put("ExitCode", entry.getExitCode());
            log.put("Output", entry.getOutput());
            return log;
        }).toList());
        return out;
    }

    /** Config.Healthcheck with Docker's omitempty: zero durations and retries left out. */
    public static Map<String, Object> healthcheck(HealthConfig h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Test", h.getTestList());
        putIfSet(out, "Interval", h.getInterval());
        putIfSet(out, "Timeout", h.getTimeout());
        putIfSet(out, "StartPeriod", h.getStartPeriod());
        putIfSet(out, "StartInterval", h.getStartInterval());
        putIfSet(out, "Retries", h.getRetries());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, long value) {
        if (value != 0) {
            out.put(key, value);
        }
    }

    private static Map<String, Object> ulimit(Ulimit u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", u.getName());
        out.put("Hard", u.getHard());
        out.put("Soft", u.getSoft());
        return out;
    }

    private static Map<String, Object> config(Container c) {
        ContainerConfig k = c.getConfig();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Hostname", k.getHostname().isEmpty() ? c.getId().substring(0, Math.min(12, c.getId().length()))
                : k.getHostname());
        out.put("Domainname", k.getDomainname());
        out.put("User", k.getUser());
        out.put("AttachStdin", k.getAttachStdin());
        out.put("AttachStdout", k.getAttachStdout());
        out.put("AttachStderr", k.getAttachStderr());
        if (k.getExposedPortsCount() > 0) {
            out.put("ExposedPorts", emptyObjects(k.getExposedPortsList()));
        }
        out.put("Tty", k.getTty());
        out.put("OpenStdin", k.getOpenStdin());
        out.put("StdinOnce", k.getStdinOnce());
        out.put("Env", k.getEnvList());
        out.put("Cmd", k.getCmdCount() == 0 ? null : k.getCmdList());
        out.put("Image", k.getImage());
        out.put("Volumes", k.getVolumesCount() == 0 ? null : emptyObjects(k.getVolumesList()));
        out.put("WorkingDir", k.getWorkingDir());
        out.put("Entrypoint", k.getEntrypointCount() == 0 ? null : k.getEntrypointList());
        out.put("OnBuild", null);
        out.put("Labels", k.getLabelsMap());
        if (!k.getStopSignal().isEmpty()) {
            out.put("StopSignal", k.getStopSignal());
        }
        if (k.hasStopTimeout()) {
            out.put("StopTimeout", k.getStopTimeout());
        }
        if (k.hasHealthcheck()) {
            out.put("Healthcheck", healthcheck(k.getHealthcheck()));
        }
        return out;
    }

    private static String networkMode(Container c) {
        String mode = c.getHostConfig().getNetworkMode();
        return mode.isEmpty() ? "default" : mode;
    }

    private static Map<String, Object> emptyObjects(List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, Map.of()));
        return out;
    }
}

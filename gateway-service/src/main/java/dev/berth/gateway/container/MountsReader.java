package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.MountSpec;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * HostConfig.Mounts ({@code --mount}): bind, volume and tmpfs entries with Docker's checks of
 * their fields. Settings Berth does not apply are refused with a 400 naming them.
 */
final class MountsReader {

    private static final Set<String> TYPES = Set.of("bind", "volume", "tmpfs");
    /** BindOptions Berth does not apply, with the --mount key of each. */
    private static final Map<String, String> BIND_REFUSED = Map.of("NonRecursive", "bind-recursive",
            "CreateMountpoint", "bind-create-mountpoint", "ReadOnlyNonRecursive", "bind-recursive",
            "ReadOnlyForceRecursive", "bind-recursive");

    private MountsReader() {
    }

    static void read(JsonNode host, HostConfig.Builder out) {
        JsonNode mounts = host.get("Mounts");
        if (mounts == null || mounts.isNull()) {
            return;
        }
        if (!mounts.isArray()) {
            throw DockerApiException.badRequest("HostConfig.Mounts must be a list");
        }
        for (JsonNode mount : mounts) {
            out.addMounts(read(mount));
        }
    }

    private static MountSpec read(JsonNode mount) {
        String type = mount.path("Type").asString("");
        if (!TYPES.contains(type)) {
            throw DockerApiException.badRequest(type.isEmpty() ? "invalid mount config: type is required"
                    : "Berth does not support --mount type=" + type + " yet");
        }
        String source = mount.path("Source").asString("");
        String target = mount.path("Target").asString("");
        if (target.isEmpty()) {
            throw invalid(type, "field Target must not be empty");
        }
        MountSpec.Builder spec = MountSpec.newBuilder().setType(type).setSource(source).setTarget(target)
                .setReadOnly(mount.path("ReadOnly").asBoolean(false));
        switch (type) {
            case "bind" -> {
                if (source.isEmpty()) {
                    throw invalid(type, "field Source must not be empty");
                }
                JsonNode options = mount.path("BindOptions");
                BIND_REFUSED.forEach((field, key) -> {
                    if (options.path(field).asBoolean(false)) {
                        throw refused(key, "BindOptions." + field);
                    }
                });
                spec.setPropagation(options.path("Propagation").asString(""));
            }
            case "volume" -> {
                JsonNode options = mount.path("VolumeOptions");
                JsonNode driver = options.path("DriverConfig");
                String driverName = driver.path("Name").asString("");
                if ((!driverName.isEmpty() && !driverName.equals("local")) || !driver.path("Options").isEmpty()) {
                    throw refused("volume-driver / volume-opt", "VolumeOptions.DriverConfig");
                }
                if (!options.path("Subpath").asString("").isEmpty()) {
                    throw refused("volume-subpath", "VolumeOptions.Subpath");
                }
                spec.setVolumeNoCopy(options.path("NoCopy").asBoolean(false));
                options.path("Labels").properties().forEach(l -> spec.putVolumeLabels(l.getKey(), l.getValue().asString("")));
            }
            default -> {
                if (!source.isEmpty()) {
                    throw invalid(type, "source must not be specified");
                }
                JsonNode options = mount.path("TmpfsOptions");
                if (!options.path("Options").isEmpty()) {
                    throw refused("tmpfs options", "TmpfsOptions.Options");
                }
                spec.setTmpfsSize(options.path("SizeBytes").asLong(0)).setTmpfsMode(options.path("Mode").asInt(0));
            }
        }
        return spec.build();
    }

    private static DockerApiException invalid(String type, String detail) {
        return DockerApiException.badRequest("invalid mount config for type \"" + type + "\": " + detail);
    }

    private static DockerApiException refused(String key, String field) {
        return DockerApiException.badRequest("Berth does not support --mount " + key + " (HostConfig.Mounts." + field + ") yet");
    }
}

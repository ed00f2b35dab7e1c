package dev.berth.gateway.commit;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Config a commit's body may carry (docker-py sends one), over the container's: the fields an
 * image keeps are taken, Env entries replace those of the same name; any other field with a value
 * is refused by name rather than dropped.
 */
final class ConfigOverrides {

    /** Container-only fields a client may send empty or default. */
    private static final Set<String> IGNORED = Set.of("Hostname", "Domainname", "AttachStdin", "AttachStdout",
            "AttachStderr", "Tty", "OpenStdin", "StdinOnce", "Image", "NetworkDisabled", "MacAddress", "OnBuild",
            "StopTimeout", "ArgsEscaped", "Shell");

    private ConfigOverrides() {
    }

    static ImageConfig apply(ImageConfig base, JsonNode body) {
        if (body == null || !body.isObject()) {
            return base;
        }
        ImageConfig.Builder out = base.toBuilder();
        for (var field : body.properties()) {
            JsonNode value = field.getValue();
            if (value == null || value.isNull() || (value.isContainer() && value.isEmpty())
                    || (value.isString() && value.asString().isEmpty())) {
                continue;
            }
            switch (field.getKey()) {
                case "Cmd" -> out.clearCmd().addAllCmd(strings(value)).setCmdSet(true);
                case "Entrypoint" -> out.clearEntrypoint().addAllEntrypoint(strings(value)).setEntrypointSet(true);
                case "User" -> out.setUser(value.asString(""));
                case "WorkingDir" -> out.setWorkingDir(value.asString(""));
                case "StopSignal" -> out.setStopSignal(value.asString(""));
                case "Env" -> {
                    List<String> env = new ArrayList<>(out.getEnvList());
                    for (String entry : strings(value)) {
                        String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
                        env.removeIf(existing -> existing.equals(key) || existing.startsWith(key + "="));
                        env.add(entry);
                    }
                    out.clearEnv().addAllEnv(env);
                }
                case "Labels" -> value.properties().forEach(label -> out.putLabels(label.getKey(),
                        label.getValue().asString("")));
                case "ExposedPorts" -> value.properties().forEach(port -> {
                    if (!out.getExposedPortsList().contains(port.getKey())) {
                        out.addExposedPorts(port.getKey());
                    }
                });
                case "Volumes" -> value.properties().forEach(volume -> {
                    if (!out.getVolumesList().contains(volume.getKey())) {
                        out.addVolumes(volume.getKey());
                    }
                });
                default -> {
                    if (!IGNORED.contains(field.getKey())) {
                        throw DockerApiException.badRequest("Berth does not support Config." + field.getKey()
                                + " in a commit yet");
                    }
                }
            }
        }
        return out.build();
    }

    private static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isString()) {
            out.add(value.asString());
        } else {
            value.forEach(item -> out.add(item.asString("")));
        }
        return out;
    }
}

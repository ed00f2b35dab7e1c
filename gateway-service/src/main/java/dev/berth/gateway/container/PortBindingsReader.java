package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.PortBinding;
import tools.jackson.databind.JsonNode;

/**
 * HostConfig.PortBindings ({"8080/tcp": [{"HostIp": "", "HostPort": "8080"}]}) and PublishAllPorts.
 * The node checks the port specs; a body of the wrong shape is refused here.
 */
final class PortBindingsReader {

    private PortBindingsReader() {
    }

    static void read(JsonNode host, HostConfig.Builder out) {
        out.setPublishAllPorts(host.path("PublishAllPorts").asBoolean(false));
        JsonNode bindings = host.get("PortBindings");
        if (bindings == null || bindings.isNull()) {
            return;
        }
        if (!bindings.isObject()) {
            throw DockerApiException.badRequest("HostConfig.PortBindings must be an object");
        }
        bindings.properties().forEach(entry -> {
            JsonNode list = entry.getValue();
            if (list == null || list.isNull()) {
                return; // no binding: the port is only exposed, as in Docker
            }
            if (!list.isArray()) {
                throw DockerApiException.badRequest("HostConfig.PortBindings[" + entry.getKey() + "] must be a list");
            }
            for (JsonNode binding : list) {
                out.addPortBindings(PortBinding.newBuilder()
                        .setContainerPort(entry.getKey())
                        .setHostIp(binding.path("HostIp").asString(""))
                        .setHostPort(binding.path("HostPort").asString("")));
            }
        });
    }
}

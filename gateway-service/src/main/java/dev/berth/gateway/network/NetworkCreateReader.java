package dev.berth.gateway.network;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.CreateNetworkRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * POST /networks/create's body as the request to container-service. Berth makes local bridge
 * networks with one IPv4 subnet; every setting it does not apply is refused with a 400 that
 * names the docker CLI's flag, never dropped.
 */
final class NetworkCreateReader {

    /** Boolean settings that must stay false, with their flags. */
    private static final Map<String, String> FLAGS_OFF = Map.of("Internal", "--internal",
            "Ingress", "--ingress", "EnableIPv6", "--ipv6", "ConfigOnly", "--config-only");

    private NetworkCreateReader() {
    }

    static CreateNetworkRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DockerApiException.badRequest("network create needs a JSON object body");
        }
        CreateNetworkRequest.Builder out = CreateNetworkRequest.newBuilder().setName(body.path("Name").asString(""))
                .setAttachable(body.path("Attachable").asBoolean(false));
        String driver = body.path("Driver").asString("");
        if (!driver.isEmpty() && !driver.equals("bridge")) {
            throw DockerApiException.badRequest("Berth supports only the bridge driver for networks, not --driver " + driver);
        }
        FLAGS_OFF.forEach((field, flag) -> {
            if (body.path(field).asBoolean(false)) {
                throw refused(flag, field);
            }
        });
        String scope = body.path("Scope").asString("");
        if (!scope.isEmpty() && !scope.equals("local")) {
            throw refused("--scope " + scope, "Scope");
        }
        JsonNode from = body.path("ConfigFrom").path("Network");
        if (!from.asString("").isEmpty()) {
            throw refused("--config-from", "ConfigFrom");
        }
        for (var option : body.path("Options").properties()) {
            throw refused("--opt " + option.getKey(), "Options");
        }
        body.path("Labels").properties().forEach(label -> out.putLabels(label.getKey(), label.getValue().asString("")));
        readIpam(body.path("IPAM"), out);
        return out.build();
    }

    private static void readIpam(JsonNode ipam, CreateNetworkRequest.Builder out) {
        String driver = ipam.path("Driver").asString("");
        if (!driver.isEmpty() && !driver.equals("default")) {
            throw refused("--ipam-driver " + driver, "IPAM.Driver");
        }
        if (!ipam.path("Options").isEmpty()) {
            throw refused("--ipam-opt", "IPAM.Options");
        }
        JsonNode configs = ipam.path("Config");
        if (configs.size() > 1) {
            throw DockerApiException.badRequest("Berth does not support more than one --subnet per network yet");
        }
        if (configs.isEmpty()) {
            return;
        }
        JsonNode config = configs.get(0);
        if (!config.path("IPRange").asString("").isEmpty()) {
            throw refused("--ip-range", "IPAM.Config.IPRange");
        }
        if (!config.path("AuxiliaryAddresses").isEmpty()) {
            throw refused("--aux-address", "IPAM.Config.AuxiliaryAddresses");
        }
        out.setSubnet(config.path("Subnet").asString("")).setGateway(config.path("Gateway").asString(""));
    }

    private static DockerApiException refused(String flag, String field) {
        return DockerApiException.badRequest("Berth does not support " + flag + " (" + field + ") for networks yet");
    }
}

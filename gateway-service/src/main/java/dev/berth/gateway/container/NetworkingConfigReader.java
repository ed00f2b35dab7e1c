package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The create request's NetworkingConfig: the endpoint of the container's one network. Its
 * aliases (--network-alias) and links (--link) are honoured; the endpoint settings Berth does not apply yet (--ip,
 * a MAC address, driver options, a second network) are refused with a 400 naming them.
 * Fields the CLI fills with empty values (NetworkID, IPAddress, ...) are read-only in Docker.
 */
final class NetworkingConfigReader {

    /** Endpoint fields a client may set, with the docker CLI's flag for each. */
    private static final Map<String, String> REFUSED = Map.of(
            "IPAMConfig", "--ip", "MacAddress", "--mac-address", "DriverOpts", "--driver-opt");

    private NetworkingConfigReader() {
    }

    static HostConfig read(JsonNode networking, HostConfig host) {
        JsonNode endpoints = networking.path("EndpointsConfig");
        if (!endpoints.isObject() || endpoints.isEmpty()) {
            return host;
        }
        if (endpoints.size() > 1) {
            throw invalid("Berth does not support a container on more than one network at create yet "
                    + "(NetworkingConfig.EndpointsConfig has " + endpoints.size() + ")");
        }
        var only = endpoints.properties().iterator().next();
        if (!sameNetwork(only.getKey(), host.getNetworkMode())) {
            // Docker would put the container on both: refused, not dropped
            throw invalid("Berth does not support a container on more than one network at create yet (NetworkMode "
                    + host.getNetworkMode() + ", NetworkingConfig.EndpointsConfig " + only.getKey() + ")");
        }
        JsonNode endpoint = only.getValue();
        if (!endpoint.isObject()) {
            return host;
        }
        REFUSED.forEach((field, flag) -> {
            if (carriesValue(endpoint.get(field))) {
                throw invalid("Berth does not support " + flag + " (NetworkingConfig.EndpointsConfig." + field + ") yet");
            }
        });
        List<String> links = new ArrayList<>();
        endpoint.path("Links").forEach(link -> links.add(link.asString("")));
        if (!links.isEmpty()) {
            // the CLI sends --link here for a user-defined network, in HostConfig.Links for the default
            host = host.toBuilder().addAllLinks(links).build();
        }
        List<String> aliases = new ArrayList<>();
        endpoint.path("Aliases").forEach(alias -> {
            String value = alias.asString("");
            if (!value.isEmpty() && !aliases.contains(value)) {
                aliases.add(value);
            }
        });
        if (aliases.isEmpty()) {
            return host;
        }
        String mode = host.getNetworkMode();
        if (isDefault(mode) || mode.equals("host")
                || mode.equals("none") || mode.startsWith("container:")) {
            throw invalid("network-scoped alias is supported only for containers in user defined networks");
        }
        for (String alias : aliases) {
            if (!alias.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}")) {
                throw invalid("invalid network alias \"" + alias + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            }
        }
        return host.toBuilder().addAllNetworkAliases(aliases).build();
    }

    /** The endpoint's key names the container's network: the default one under any of its names. */
    private static boolean sameNetwork(String key, String mode) {
        return key.equals(mode) || (isDefault(key) && isDefault(mode));
    }

    private static boolean isDefault(String network) {
        return network.isEmpty() || network.equals("default") || network.equals("bridge");
    }

    /** Anything but null, "", [], {} and objects of such. */
    private static boolean carriesValue(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isString()) {
            return !value.asString().isEmpty();
        }
        if (value.isArray()) {
            return !value.isEmpty();
        }
        if (value.isObject()) {
            for (JsonNode child : value) {
                if (carriesValue(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static DockerApiException invalid(String message) {
        return new DockerApiException(HttpStatus.BAD_REQUEST, message);
    }
}

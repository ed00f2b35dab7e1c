package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The create request's NetworkingConfig: the endpoint of the container's NetworkMode network, and
 * any other network it joins besides (HostConfig.connected_networks). Aliases (--network-alias,
 * --alias) and links (--link) are honoured; the endpoint settings Berth does not apply yet (--ip,
 * a MAC address, driver options) are refused with a 400 naming them. Fields the CLI fills with
 * empty values (NetworkID, IPAddress, ...) are read-only in Docker.
 */
public final class NetworkingConfigReader {

    /** Endpoint fields a client may set, with the docker CLI's flag for each. */
    private static final Map<String, String> REFUSED = Map.of(
            "IPAMConfig", "--ip", "MacAddress", "--mac-address", "DriverOpts", "--driver-opt");

    /** What Berth takes of one EndpointSettings: aliases, each checked, and links. */
    public record Endpoint(List<String> aliases, List<String> links) {
    }

    private NetworkingConfigReader() {
    }

    static HostConfig read(JsonNode networking, HostConfig host) {
        JsonNode endpoints = networking.path("EndpointsConfig");
        if (!endpoints.isObject() || endpoints.isEmpty()) {
            return host;
        }
        HostConfig.Builder out = host.toBuilder();
        String mode = host.getNetworkMode();
        for (var entry : endpoints.properties()) {
            Endpoint endpoint = endpoint(entry.getValue(), "NetworkingConfig.EndpointsConfig.");
            if (sameNetwork(entry.getKey(), mode)) {
                // the CLI sends --link here for a user-defined network, in HostConfig.Links for the default
                out.addAllLinks(endpoint.links());
                if (!endpoint.aliases().isEmpty() && (isDefault(mode) || mode.equals("host") || mode.equals("none")
                        || mode.startsWith("container:"))) {
                    throw invalid("network-scoped alias is supported only for containers in user defined networks");
                }
                out.addAllNetworkAliases(endpoint.aliases());
                continue;
            }
            refuseSecondNetwork(mode);
            out.addConnectedNetworks(NetworkEndpoint.newBuilder().setNetwork(entry.getKey())
                    .addAllAliases(endpoint.aliases()).addAllLinks(endpoint.links()));
        }
        return out.build();
    }

    /**
     * One EndpointSettings (of a create, or of `docker network connect`): {@code where} names its
     * place in the request for the refusals.
     */
    public static Endpoint endpoint(JsonNode endpoint, String where) {
        if (endpoint == null || !endpoint.isObject()) {
            return new Endpoint(List.of(), List.of());
        }
        REFUSED.forEach((field, flag) -> {
            if (carriesValue(endpoint.get(field))) {
                throw invalid("Berth does not support " + flag + " (" + where + field + ") yet");
            }
        });
        List<String> links = new ArrayList<>();
        endpoint.path("Links").forEach(link -> links.add(link.asString("")));
        List<String> aliases = new ArrayList<>();
        endpoint.path("Aliases").forEach(alias -> {
            String value = alias.asString("");
            if (!value.isEmpty() && !aliases.contains(value)) {
                aliases.add(value);
            }
        });
        for (String alias : aliases) {
            if (!alias.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}")) {
                throw invalid("invalid network alias \"" + alias + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            }
        }
        return new Endpoint(aliases, links);
    }

    /** Docker's words for a mode that takes no second network. */
    private static void refuseSecondNetwork(String mode) {
        if (mode.startsWith("container:")) {
            throw invalid("container sharing network namespace with another container or host cannot be connected to any other network");
        }
        if (mode.equals("host")) {
            throw invalid("container cannot be disconnected from host network or connected to host network");
        }
        if (mode.equals("none")) {
            throw invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
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

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;

/**
 * What Docker refuses at create for {@code --network container:X}, whose network, ports and
 * names all belong to X: nothing of them may be asked for the container itself.
 */
final class ContainerNetworkModeRules {

    private ContainerNetworkModeRules() {
    }

    static void check(ContainerConfig.Builder config, HostConfig host) {
        if (!host.getNetworkMode().startsWith("container:")) {
            return;
        }
        if (host.getNetworkMode().length() == "container:".length()) {
            throw DockerApiException.badRequest("invalid container format container:<name|id>");
        }
        if (host.getPortBindingsCount() > 0 || host.getPublishAllPorts()) {
            throw DockerApiException.badRequest("conflicting options: port publishing and the container type network mode");
        }
        if (config.getExposedPortsCount() > 0) {
            throw DockerApiException.badRequest("conflicting options: port exposing and the container type network mode");
        }
        if (!config.getHostname().isEmpty()) {
            throw DockerApiException.badRequest("conflicting options: hostname and the network mode");
        }
    }
}

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;

/**
 * What Docker refuses at create for {@code --network container:X}, whose network, ports and
 * names all belong to X: nothing of them may be asked for the container itself; and links
 * where Berth does not serve them (the default bridge) or Docker forbids them.
 */
final class ContainerNetworkModeRules {

    private ContainerNetworkModeRules() {
    }

    static void check(ContainerConfig.Builder config, HostConfig host) {
        String mode = host.getNetworkMode();
        if (host.getLinksCount() > 0 && (mode.isEmpty() || mode.equals("default") || mode.equals("bridge"))) {
            throw DockerApiException.badRequest("Berth does not support --link (HostConfig.Links) on the default bridge "
                    + "network yet: put the containers on a user-defined network, where they find each other by name");
        }
        if (host.getLinksCount() > 0 && (mode.equals("host") || mode.equals("none"))) {
            throw DockerApiException.badRequest("conflicting options: host type networking can't be used with links. "
                    + "This would result in undefined behavior");
        }
        if (!mode.startsWith("container:")) {
            return;
        }
        if (host.getLinksCount() > 0) {
            throw DockerApiException.badRequest("conflicting options: container type network can't be used with links. "
                    + "This would result in undefined behavior");
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

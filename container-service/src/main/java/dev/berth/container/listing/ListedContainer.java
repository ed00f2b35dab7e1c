package dev.berth.container.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.berth.container.lifecycle.State;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.VolumeMount;

/**
 * What the list filters look at in one container.
 *
 * @param everStarted  whether the container has run at least once (Docker's exit-code filter
 *                     ignores containers that never ran, whose exit code means nothing)
 * @param exposedPorts "port/proto", as in Config.ExposedPorts
 * @param networkMode  HostConfig.NetworkMode, empty for the default
 * @param connectedNetworks the names and ids of the networks it joins besides NetworkMode's
 * @param health       State.Health.Status, "none" without a running healthcheck
 * @param network      the running container's network as the node put it there; empty otherwise
 * @param volumes      the names of the volumes it mounts
 * @param destinations where its volumes, binds and tmpfs mounts are in the container
 */
record ListedContainer(String id, String name, State state, boolean everStarted, int exitCode, String imageId,
        Map<String, String> labels, List<String> exposedPorts, String networkMode, List<String> connectedNetworks,
        String health,
        NetworkState network, List<String> volumes, List<String> destinations) {

    static ListedContainer of(ContainerRow row) {
        return of(row, "none");
    }

    static ListedContainer of(ContainerRow row, String health) {
        ContainerConfig config = ProtoJson.readConfig(row.config());
        HostConfig host = ProtoJson.readHostConfig(row.hostConfig());
        List<String> destinations = new ArrayList<>(host.getTmpfsMap().keySet());
        host.getVolumeMountsList().forEach(v -> destinations.add(v.getDestination()));
        host.getMountsList().forEach(m -> destinations.add(m.getTarget()));
        for (String bind : host.getBindsList()) {
            String[] parts = bind.split(":", -1);
            if (parts.length >= 2 && bind.startsWith("/")) {
                destinations.add(parts[1]);
            }
        }
        return new ListedContainer(row.id(), row.name(), State.of(row.status()), row.startedAt() != null,
                row.exitCode(), row.imageId(), config.getLabelsMap(), config.getExposedPortsList(),
                host.getNetworkMode(), connectedNetworks(host), health, networkOf(row),
                host.getVolumeMountsList().stream().map(VolumeMount::getName).toList(), destinations);
    }

    private static List<String> connectedNetworks(HostConfig host) {
        List<String> out = new ArrayList<>();
        host.getConnectedNetworksList().forEach(endpoint -> {
            out.add(endpoint.getNetwork());
            out.add(endpoint.getNetworkId());
        });
        return out;
    }

    private static NetworkState networkOf(ContainerRow row) {
        NetworkState network = ProtoJson.readNetwork(row.network());
        return network == null ? NetworkState.getDefaultInstance() : network;
    }
}

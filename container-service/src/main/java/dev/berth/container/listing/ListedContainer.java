package dev.berth.container.listing;

import java.util.List;
import java.util.Map;

import dev.berth.container.lifecycle.State;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.ContainerConfig;

/**
 * What the list filters look at in one container.
 *
 * @param everStarted  whether the container has run at least once (Docker's exit-code filter
 *                     ignores containers that never ran, whose exit code means nothing)
 * @param exposedPorts "port/proto", as in Config.ExposedPorts
 * @param networkMode  HostConfig.NetworkMode, empty for the default
 * @param health       State.Health.Status, "none" without a running healthcheck
 */
record ListedContainer(String id, String name, State state, boolean everStarted, int exitCode, String imageId,
        Map<String, String> labels, List<String> exposedPorts, String networkMode, String health) {

    static ListedContainer of(ContainerRow row) {
        return of(row, "none");
    }

    static ListedContainer of(ContainerRow row, String health) {
        ContainerConfig config = ProtoJson.readConfig(row.config());
        return new ListedContainer(row.id(), row.name(), State.of(row.status()), row.startedAt() != null,
                row.exitCode(), row.imageId(), config.getLabelsMap(), config.getExposedPortsList(),
                ProtoJson.readHostConfig(row.hostConfig()).getNetworkMode(), health);
    }
}

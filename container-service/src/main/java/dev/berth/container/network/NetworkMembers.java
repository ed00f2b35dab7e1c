package dev.berth.container.network;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.NetworkMember;
import dev.berth.proto.v1.NetworkState;

/**
 * The containers on a network: those whose current run the node put on it, as recorded at start or
 * by `docker network connect`.
 */
@Component
public class NetworkMembers {

    private final ContainerRepository containers;

    public NetworkMembers(ContainerRepository containers) {
        this.containers = containers;
    }

    public List<NetworkMember> of(NetworkRow network) {
        return containers.findByNetworkNot("").stream()
                .flatMap(row -> RunNetworks.on(network, ProtoJson.readNetwork(row.network()))
                        .map(state -> member(row, state)).stream())
                .toList();
    }

    /** By id; runs of the default bridge recorded before it had container-service's id, by name. */
    static boolean on(NetworkRow network, NetworkState state) {
        return state.getNetworkId().equals(network.id())
                || (network.builtin() && !state.getNetwork().isEmpty() && state.getNetwork().equals(network.name()));
    }

    private static NetworkMember member(ContainerRow row, NetworkState state) {
        return NetworkMember.newBuilder()
                .setContainerId(row.id())
                .setName(row.name())
                .setEndpointId(state.getEndpointId())
                .setMacAddress(state.getMacAddress())
                .setIpv4Address(state.getIpAddress() + "/" + state.getIpPrefixLen())
                .build();
    }
}

package dev.berth.container.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.proto.v1.NetworkState;

/**
 * A run's networks as the node reported them: the first one (NetworkMode's, eth0) and those it
 * was connected to besides ({@link NetworkState#getConnectedList()}, eth1 on).
 */
public final class RunNetworks {

    private RunNetworks() {
    }

    /** Every network of the run, its first one first; none for a run without one (null). */
    public static List<NetworkState> all(NetworkState run) {
        List<NetworkState> out = new ArrayList<>();
        if (run == null) {
            return out;
        }
        if (!run.getNetwork().isEmpty() || !run.getNetworkId().isEmpty()) {
            out.add(run.toBuilder().clearConnected().build());
        }
        out.addAll(run.getConnectedList());
        return out;
    }

    /** The run's place on {@code network}, if it is on it. */
    public static Optional<NetworkState> on(NetworkRow network, NetworkState run) {
        return all(run).stream().filter(state -> NetworkMembers.on(network, state)).findFirst();
    }
}

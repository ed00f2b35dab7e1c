package dev.berth.node.network;

import dev.berth.proto.v1.NetworkState;
import java.util.HashSet;
import java.util.Set;

/** Reading a run's recorded NetworkState: its first network, and those it joined besides. */
final class RunStates {

    private RunStates() {
    }

    /** The run's place on the network, first or joined besides; null if it is not on it. */
    static NetworkState on(NetworkState run, String networkId) {
        if (run.getNetworkId().equals(networkId)) {
            return run;
        }
        return connected(run, networkId);
    }

    /** The run's place on a network it joined besides its first; null if none. */
    static NetworkState connected(NetworkState run, String networkId) {
        return run.getConnectedList().stream().filter(joined -> joined.getNetworkId().equals(networkId))
                .findFirst().orElse(null);
    }

    /** The lowest "ethN" the run does not use yet; eth0 is its first network's. */
    static String nextInterface(NetworkState run) {
        Set<String> taken = new HashSet<>();
        taken.add(CniRunner.INTERFACE);
        run.getConnectedList().forEach(joined -> taken.add(joined.getInterfaceName()));
        for (int i = 1; ; i++) {
            String name = "eth" + i;
            if (!taken.contains(name)) {
                return name;
            }
        }
    }
}

package dev.berth.container.network;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkAttachment;

/**
 * Which network a start joins: HostConfig.NetworkMode resolved now, as Docker resolves it at
 * start (a network removed since create is "not found" then).
 */
@Component
public class NetworkAttachments {

    private final NetworkCatalog catalog;

    public NetworkAttachments(NetworkCatalog catalog) {
        this.catalog = catalog;
    }

    /** Null on the host's network, none, or another container's: no bridge to join. */
    public NetworkAttachment forStart(ContainerRow row) {
        HostConfig host = ProtoJson.readHostConfig(row.hostConfig());
        String mode = host.getNetworkMode();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            return null;
        }
        String name = mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
        NetworkRow network = catalog.lookup(name)
                .orElseThrow(() -> BerthException.notFound("network " + mode + " not found"));
        if (!network.driver().equals("bridge")) {
            // "host" or "none" by id: the node serves them by their names only
            throw BerthException.invalid("Berth does not support --network " + mode + " by id yet; use its name");
        }
        NetworkAttachment.Builder out = NetworkAttachment.newBuilder().setNetworkId(network.id())
                .setName(network.name()).setSubnet(network.subnet()).setGateway(network.gateway());
        if (!network.builtin()) {
            Set<String> names = new LinkedHashSet<>();
            names.add(row.name());
            names.addAll(host.getNetworkAliasesList());
            names.add(row.id().substring(0, 12));
            out.addAllAliases(names);
        }
        return out.build();
    }
}

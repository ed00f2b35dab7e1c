package dev.berth.container.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.lifecycle.State;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkAttachment;
import dev.berth.proto.v1.NetworkEndpoint;
import dev.berth.proto.v1.NetworkState;

/**
 * Which networks a start joins: HostConfig.NetworkMode's and those it was connected to, resolved
 * now, as Docker resolves them at start (a network removed since create is "not found" then).
 */
@Component
public class NetworkAttachments {

    private final NetworkCatalog catalog;
    private final ContainerLookup containers;

    public NetworkAttachments(NetworkCatalog catalog, ContainerLookup containers) {
        this.catalog = catalog;
        this.containers = containers;
    }

    /** Null on the host's network or none: nothing to join. */
    public NetworkAttachment forStart(ContainerRow row) {
        HostConfig host = ProtoJson.readHostConfig(row.hostConfig());
        String mode = host.getNetworkMode();
        if (mode.equals("host") || mode.equals("none")) {
            return null;
        }
        if (mode.startsWith("container:")) {
            return joining(row, mode.substring("container:".length()));
        }
        String name = mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
        NetworkRow network = catalog.lookup(name)
                .orElseThrow(() -> BerthException.notFound("network " + mode + " not found"));
        if (!network.driver().equals("bridge")) {
            // "host" or "none" by id: the node serves them by their names only
            throw BerthException.invalid("Berth does not support --network " + mode + " by id yet; use its name");
        }
        return attachment(row, network, host.getNetworkAliasesList(), host.getLinksList());
    }

    /**
     * The networks a start joins besides NetworkMode's, in the order they were connected: each
     * resolved now, so that one removed since is "not found", as for NetworkMode's.
     */
    public List<NetworkAttachment> connectedForStart(ContainerRow row) {
        List<NetworkAttachment> out = new ArrayList<>();
        for (NetworkEndpoint endpoint : ProtoJson.readHostConfig(row.hostConfig()).getConnectedNetworksList()) {
            String ref = endpoint.getNetworkId().isEmpty() ? endpoint.getNetwork() : endpoint.getNetworkId();
            NetworkRow network = catalog.lookup(ref)
                    .orElseThrow(() -> BerthException.notFound("network " + endpoint.getNetwork() + " not found"));
            out.add(attachment(row, network, endpoint.getAliasesList(), endpoint.getLinksList()));
        }
        return out;
    }

    /**
     * The container on {@code network}: on a user-defined one, found by its name, its short id
     * and {@code aliases}, and finding its {@code links}' targets under theirs.
     */
    public NetworkAttachment attachment(ContainerRow row, NetworkRow network, List<String> aliases, List<String> links) {
        NetworkAttachment.Builder out = NetworkAttachment.newBuilder().setNetworkId(network.id())
                .setName(network.name()).setSubnet(network.subnet()).setGateway(network.gateway());
        if (!network.builtin()) {
            Set<String> names = new LinkedHashSet<>();
            names.add(row.name());
            names.addAll(aliases);
            names.add(row.id().substring(0, 12));
            out.addAllAliases(names);
            for (String link : links) {
                out.addOwnHosts(linkLine(row, network, link));
            }
        }
        return out.build();
    }

    /**
     * One --link NAME[:ALIAS] as a line of the container's own /etc/hosts: NAME must run on this
     * network. Docker's forms: "db", "db:database", "/db:/web/database".
     */
    private String linkLine(ContainerRow row, NetworkRow network, String link) {
        int colon = link.indexOf(':');
        String name = strip(colon < 0 ? link : link.substring(0, colon));
        String alias = colon < 0 ? name : strip(link.substring(colon + 1));
        alias = alias.substring(alias.lastIndexOf('/') + 1);
        if (name.isEmpty() || !alias.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw BerthException.invalid("invalid link: " + link);
        }
        ContainerRow target = containers.resolve(name);
        State state = State.of(target.status());
        if (state != State.RUNNING && state != State.PAUSED) {
            throw BerthException.precondition("Cannot link to a non running container: /" + target.name() + " AS /"
                    + row.name() + "/" + alias);
        }
        NetworkState on = RunNetworks.on(network, ProtoJson.readNetwork(target.network()))
                .orElseThrow(() -> BerthException.invalid("Cannot link to /" + target.name()
                        + ", as it does not belong to the network " + network.name()));
        return on.getIpAddress() + "\t" + (alias.equals(target.name()) ? alias : alias + " " + target.name());
    }

    private static String strip(String part) {
        return part.startsWith("/") ? part.substring(1) : part;
    }

    /** --network container:X: X must run, on the same node, and not be the container itself. */
    private NetworkAttachment joining(ContainerRow row, String ref) {
        ContainerRow other = containers.resolve(ref);
        if (other.id().equals(row.id())) {
            throw BerthException.invalid("cannot join own network namespace");
        }
        State state = State.of(other.status());
        if (state != State.RUNNING && state != State.PAUSED) {
            throw BerthException.precondition("cannot join network namespace of a non running container: " + other.id());
        }
        if (!other.nodeId().equals(row.nodeId())) {
            throw BerthException.invalid("container " + ref + " runs on another node: its network namespace cannot be joined");
        }
        return NetworkAttachment.newBuilder().setContainerId(other.id()).build();
    }
}

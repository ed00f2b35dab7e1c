package dev.berth.container.network;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.common.net.HostRoutes;
import dev.berth.common.net.Ipv4Subnet;
import dev.berth.container.events.EventPublisher;
import dev.berth.container.listing.ContainerFilter;
import dev.berth.container.naming.ContainerIds;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.StringMapJson;
import dev.berth.proto.v1.NodeNetworkRef;
import io.grpc.StatusRuntimeException;

/**
 * The networks: the built-in bridge, host and none, made at the first start, and user-defined
 * bridge networks. Found as Docker finds them: full id, then name, then a unique id prefix.
 * Creation and removal are serialised here, so that two networks never get one subnet.
 */
@Component
public class NetworkCatalog {

    /** The built-in networks by name, with Docker's drivers. */
    static final Map<String, String> BUILTIN = Map.of("bridge", "bridge", "host", "host", "none", "null");

    private static final Logger log = LoggerFactory.getLogger(NetworkCatalog.class);

    private final NetworkRepository networks;
    private final NetworkMembers members;
    private final NetworkProperties properties;
    private final NodeRegistry nodes;
    private final EventPublisher events;

    public NetworkCatalog(NetworkRepository networks, NetworkMembers members, NetworkProperties properties,
            NodeRegistry nodes, EventPublisher events) {
        this.events = events;
        this.networks = networks;
        this.members = members;
        this.properties = properties;
        this.nodes = nodes;
        BUILTIN.forEach(this::ensureBuiltin);
    }

    /** A user-defined bridge network; its subnet from the pools unless one is asked for. */
    public synchronized NetworkRow create(String name, String subnet, String gateway, Map<String, String> labels,
            Map<String, String> options, boolean attachable) {
        NetworkNames.check(name);
        if (networks.findByName(name).isPresent()) {
            throw BerthException.alreadyExists("network with name " + name + " already exists");
        }
        List<Ipv4Subnet> taken = networks.findAll().stream().filter(n -> !n.subnet().isEmpty())
                .map(n -> Ipv4Subnet.parse(n.subnet())).toList();
        SubnetPlanner.Plan plan = SubnetPlanner.plan(subnet, gateway, properties.pools(), taken, HostRoutes.read());
        NetworkRow row = new NetworkRow(ContainerIds.newId(), name, "bridge", plan.subnet(), plan.gateway(),
                StringMapJson.write(labels), StringMapJson.write(options), false,
                OffsetDateTime.now(ZoneOffset.UTC), attachable, null);
        NetworkRow saved;
        try {
            saved = networks.save(row);
        } catch (DbActionExecutionException | DataIntegrityViolationException e) {
            throw BerthException.alreadyExists("network with name " + name + " already exists");
        }
        events.publish("network", "create", saved.id(), Map.of("name", name, "type", saved.driver()));
        return saved;
    }

    /** By full id, name, or unique id prefix; Docker's 404 otherwise. */
    public NetworkRow find(String ref) {
        return lookup(ref).orElseThrow(() -> BerthException.notFound("network " + ref + " not found"));
    }

    public Optional<NetworkRow> lookup(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        Optional<NetworkRow> byId = ContainerIds.isFullId(ref) ? networks.findById(ref) : Optional.empty();
        if (byId.isPresent()) {
            return byId;
        }
        Optional<NetworkRow> byName = networks.findByName(ref);
        if (byName.isPresent() || !ContainerIds.isHex(ref)) {
            return byName;
        }
        List<NetworkRow> byPrefix = networks.findTop2ByIdStartingWith(ref);
        if (byPrefix.size() > 1) {
            throw BerthException.invalid("network " + ref + " is ambiguous (2 matches found based on ID prefix)");
        }
        return byPrefix.stream().findFirst();
    }

    public List<NetworkRow> list() {
        return networks.findAllByOrderByCreatedAtAscNameAsc();
    }

    /** Removes a user-defined network no running container is on, and its bridge from every node. */
    public synchronized NetworkRow remove(String ref) {
        NetworkRow row = find(ref);
        if (row.builtin()) {
            throw BerthException.forbidden(row.name() + " is a pre-defined network and cannot be removed");
        }
        if (!members.of(row).isEmpty()) {
            throw BerthException.precondition("error while removing network: network " + row.name() + " id "
                    + row.id() + " has active endpoints");
        }
        networks.delete(row);
        events.publish("network", "destroy", row.id(), Map.of("name", row.name(), "type", row.driver()));
        for (String node : nodes.nodeIds()) {
            try {
                nodes.blocking(node).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .removeNetwork(NodeNetworkRef.newBuilder().setNetworkId(row.id()).build());
            } catch (StatusRuntimeException e) {
                // The record is gone; a node that did not answer keeps an unused bridge until asked again.
                log.warn("node {} did not take network {} down: {}", node, row.id(), e.getStatus());
            }
        }
        return row;
    }

    /** Every user-defined network without a running member and matching the label filters goes. */
    public List<String> prune(List<String> labels, List<String> notLabels) {
        List<String> removed = new ArrayList<>();
        for (NetworkRow row : list()) {
            Map<String, String> own = labelsOf(row);
            if (row.builtin() || !labels.stream().allMatch(l -> ContainerFilter.labelMatches(l, own))
                    || (!notLabels.isEmpty() && notLabels.stream().allMatch(l -> ContainerFilter.labelMatches(l, own)))) {
                continue;
            }
            try {
                remove(row.id());
                removed.add(row.name());
            } catch (BerthException inUse) {
                // in use now: kept, as Docker keeps it
            }
        }
        return removed;
    }

    public static Map<String, String> labelsOf(NetworkRow row) {
        return StringMapJson.read(row.labels());
    }

    public static Map<String, String> optionsOf(NetworkRow row) {
        return StringMapJson.read(row.options());
    }

    private void ensureBuiltin(String name, String driver) {
        if (networks.findByName(name).isPresent()) {
            return;
        }
        try {
            networks.save(new NetworkRow(ContainerIds.newId(), name, driver, "", "", "{}", "{}", true,
                    OffsetDateTime.now(ZoneOffset.UTC), false, null));
        } catch (DbActionExecutionException | DataIntegrityViolationException e) {
            // another container-service on the same database made it first
        }
    }
}

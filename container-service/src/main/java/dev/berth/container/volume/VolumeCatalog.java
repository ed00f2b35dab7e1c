package dev.berth.container.volume;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.events.EventPublisher;
import dev.berth.container.listing.ContainerFilter;
import dev.berth.container.naming.ContainerIds;
import dev.berth.container.node.NodePlacement;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.StringMapJson;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.NodeVolume;
import dev.berth.proto.v1.NodeVolumeRef;
import dev.berth.proto.v1.VolumeMount;
import io.grpc.StatusRuntimeException;

/**
 * Local volumes: the record here, the data on a node. A volume is made on the node before its
 * record is stored, and its record goes before its data, so that a record never names data that
 * was never made. A volume is in use while any container, running or not, mounts it.
 * Creation and removal are serialised, so that a volume cannot be removed while a create takes it.
 */
@Component
public class VolumeCatalog {

    private static final Logger log = LoggerFactory.getLogger(VolumeCatalog.class);

    private final VolumeRepository volumes;
    private final ContainerRepository containers;
    private final NodeRegistry nodes;
    private final NodePlacement placement;
    private final EventPublisher events;

    public VolumeCatalog(VolumeRepository volumes, ContainerRepository containers, NodeRegistry nodes,
            NodePlacement placement, EventPublisher events) {
        this.events = events;
        this.volumes = volumes;
        this.containers = containers;
        this.nodes = nodes;
        this.placement = placement;
    }

    /** docker volume create: the volume of that name if it exists (Docker answers it again), else a new one. */
    public VolumeRow create(String name, Map<String, String> labels) {
        String wanted = name.isEmpty() ? ContainerIds.newId() : VolumeNames.check(name);
        return ensure(wanted, labels, false, placement.chooseNode());
    }

    /** The volume, made on {@code nodeId} if it does not exist yet. */
    public synchronized VolumeRow ensure(String name, Map<String, String> labels, boolean anonymous, String nodeId) {
        VolumeNames.check(name);
        return volumes.findById(name).orElseGet(() -> {
            NodeVolume made = nodes.blocking(nodeId).withDeadlineAfter(1, TimeUnit.MINUTES)
                    .createVolume(NodeVolumeRef.newBuilder().setName(name).build());
            VolumeRow saved = volumes.save(new VolumeRow(name, "local", StringMapJson.write(labels), "{}",
                    made.getMountpoint(), anonymous, nodeId, OffsetDateTime.now(ZoneOffset.UTC), null));
            events.publish("volume", "create", name, Map.of("driver", "local"));
            return saved;
        });
    }

    public VolumeRow find(String name) {
        return volumes.findById(name).orElseThrow(() -> BerthException.notFound("get " + name + ": no such volume"));
    }

    public List<VolumeRow> list() {
        return volumes.findAllByOrderByNameAsc();
    }

    /** The containers that mount the volume, running or not. */
    public List<String> users(String name) {
        return usersByVolume().getOrDefault(name, List.of());
    }

    /** Every volume's users, from one read of the containers (docker volume ls asks for all). */
    public Map<String, List<String>> usersByVolume() {
        Map<String, List<String>> users = new HashMap<>();
        for (ContainerRow row : containers.findAll()) {
            for (VolumeMount mount : mounts(row)) {
                List<String> of = users.computeIfAbsent(mount.getName(), n -> new ArrayList<>());
                if (!of.contains(row.id())) {
                    of.add(row.id());
                }
            }
        }
        return users;
    }

    /** docker volume rm; with force, a volume that is not there is no error. */
    public synchronized void remove(String name, boolean force) {
        VolumeRow row = volumes.findById(name).orElse(null);
        if (row == null) {
            if (force) {
                return;
            }
            throw BerthException.notFound("get " + name + ": no such volume");
        }
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw BerthException.precondition("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
        }
        volumes.delete(row);
        events.publish("volume", "destroy", name, Map.of("driver", "local"));
        try {
            nodes.blocking(row.nodeId()).withDeadlineAfter(5, TimeUnit.MINUTES)
                    .removeVolume(NodeVolumeRef.newBuilder().setName(name).build());
        } catch (StatusRuntimeException e) {
            // The record is gone first: at worst a directory is left on the node, never a record without data.
            log.warn("node {} did not delete the data of volume {}: {}", row.nodeId(), name, e.getStatus());
        }
    }

    /** After a container's removal with -v (or --rm): its anonymous volumes that nothing else mounts. */
    public void removeAnonymousOf(ContainerRow removed) {
        for (VolumeMount mount : mounts(removed)) {
            if (!mount.getAnonymous()) {
                continue;
            }
            try {
                remove(mount.getName(), true);
            } catch (BerthException inUse) {
                log.info("anonymous volume {} kept: {}", mount.getName(), inUse.getMessage());
            }
        }
    }

    /** docker volume prune: unused anonymous volumes, and with {@code all} named ones too. */
    public List<String> prune(List<String> labels, List<String> notLabels, boolean all) {
        List<String> removed = new ArrayList<>();
        for (VolumeRow row : list()) {
            Map<String, String> own = labelsOf(row);
            if ((!all && !row.anonymous()) || !labels.stream().allMatch(l -> ContainerFilter.labelMatches(l, own))
                    || (!notLabels.isEmpty() && notLabels.stream().allMatch(l -> ContainerFilter.labelMatches(l, own)))) {
                continue;
            }
            try {
                remove(row.name(), true);
                removed.add(row.name());
            } catch (BerthException inUse) {
                // in use: kept
            }
        }
        return removed;
    }

    public static Map<String, String> labelsOf(VolumeRow row) {
        return StringMapJson.read(row.labels());
    }

    private static List<VolumeMount> mounts(ContainerRow row) {
        return ProtoJson.readHostConfig(row.hostConfig()).getVolumeMountsList();
    }
}

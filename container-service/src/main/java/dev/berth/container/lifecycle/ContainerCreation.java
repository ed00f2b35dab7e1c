package dev.berth.container.lifecycle;

import java.util.concurrent.TimeUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.naming.ContainerIds;
import dev.berth.container.naming.ContainerNames;
import dev.berth.container.naming.NameGenerator;
import dev.berth.container.node.NodePlacement;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.Times;
import dev.berth.container.image.ConfigMerger;
import dev.berth.container.image.ImageResolver;
import dev.berth.container.volume.MountResolver;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeCreateResponse;
import io.grpc.StatusRuntimeException;

/**
 * Create: validate, resolve the image and merge its config into the request, store the row as
 * {@code created}, place it on a node and have the node prepare it. If the node fails, the row
 * is deleted again: nothing half-made remains.
 */
@Component
public class ContainerCreation {

    private static final int NAME_ATTEMPTS = 10;

    private final ContainerRepository containers;
    private final StateStore store;
    private final NameGenerator names;
    private final NodePlacement placement;
    private final NodeRegistry nodes;

    private final ImageResolver images;
    private final MountResolver mountResolver;

    public ContainerCreation(ContainerRepository containers, StateStore store, NameGenerator names,
            NodePlacement placement, NodeRegistry nodes, ImageResolver images, MountResolver mountResolver) {
        this.mountResolver = mountResolver;
        this.images = images;
        this.containers = containers;
        this.store = store;
        this.names = names;
        this.placement = placement;
        this.nodes = nodes;
    }

    public ContainerRow create(CreateContainerRequest request) {
        String wanted = request.getName().isEmpty() ? null : ContainerNames.validate(request.getName());
        if (request.getConfig().getImage().isEmpty()) {
            throw BerthException.invalid("No image was specified");
        }
        Image image = images.resolve(request.getConfig().getImage());
        ContainerConfig config = ConfigMerger.merge(request.getConfig(), request.getEntrypointGiven(),
                image.getConfig());
        String nodeId = placement.chooseNode();
        MountResolver.Resolved mounts = mountResolver.resolve(config, request.getHostConfig(), nodeId);
        HostConfig host = mounts.hostConfig();
        ContainerRow row;
        try {
            row = insert(image.getId(), config, host, wanted, nodeId);
        } catch (RuntimeException e) {
            mountResolver.undo(mounts.madeAnonymous());
            throw e;
        }
        NodeCreateResponse created;
        try {
            created = nodes.blocking(nodeId).withDeadlineAfter(30, TimeUnit.MINUTES).createContainer(
                    NodeCreateRequest.newBuilder()
                            .setContainerId(row.id())
                            .setName(row.name())
                            .setImageId(row.imageId())
                            .setConfig(config)
                            .setHostConfig(host)
                            .build());
        } catch (StatusRuntimeException e) {
            store.discard(row.id());
            mountResolver.undo(mounts.madeAnonymous());
            throw e;
        }
        // The node may have adjusted the resources as Docker does (shares clamped, a limit this
        // kernel lacks discarded): what it applies is what inspect shows.
        HostConfig applied = created.hasHostConfig() ? created.getHostConfig() : host;
        return store.recordCreated(row, ProtoJson.write(created.getFiles()), ProtoJson.write(applied));
    }

    private ContainerRow insert(String imageId, ContainerConfig config, HostConfig hostConfig, String wanted,
            String nodeId) {
        for (int attempt = 0; ; attempt++) {
            String name = wanted != null ? wanted : names.generate(attempt);
            if (wanted != null) {
                containers.findByName(name).ifPresent(holder -> {
                    throw ContainerNames.nameInUse(name, holder.id());
                });
            }
            try {
                return store.insert(newRow(imageId, config, hostConfig, name, nodeId));
            } catch (RuntimeException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                if (wanted != null) {
                    String holder = containers.findByName(name).map(ContainerRow::id).orElse("");
                    throw ContainerNames.nameInUse(name, holder);
                }
                if (attempt + 1 >= NAME_ATTEMPTS) {
                    throw BerthException.internal("could not generate a unique container name");
                }
            }
        }
    }

    private static ContainerRow newRow(String imageId, ContainerConfig config, HostConfig hostConfig, String name,
            String nodeId) {
        return new ContainerRow(ContainerIds.newId(), name, imageId, config.getImage(),
                ProtoJson.write(config), ProtoJson.write(hostConfig),
                State.CREATED.dockerName(), 0, 0, "", false, Times.now(), null, null, 0, nodeId, "{}", 0,
                ContainerRow.NO_RUN, dev.berth.container.store.StopIntent.NONE, "", null);
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }
}

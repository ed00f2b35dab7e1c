package dev.berth.gateway.image;

import java.util.List;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.ImageUser;
import dev.berth.proto.v1.ListContainersRequest;
import org.springframework.stereotype.Component;

/** Which containers use images, asked of container-service (the only one that knows). */
@Component
public class ImageUsers {

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;

    ImageUsers(ContainerServiceGrpc.ContainerServiceBlockingStub containers) {
        this.containers = containers;
    }

    /** Every container, in any state, whose image is {@code imageId}. */
    List<ImageUser> of(String imageId) {
        return list(List.of(Filter.newBuilder().setKey("ancestor").addValues(imageId).build())).stream()
                .filter(container -> container.getImageId().equals(imageId))
                .map(container -> ImageUser.newBuilder().setContainerId(container.getId())
                        .setRunning(isRunning(container)).build())
                .toList();
    }

    /** The ids of the images some container uses. */
    public List<String> usedImageIds() {
        return list(List.of()).stream().map(Container::getImageId).distinct().toList();
    }

    private List<Container> list(List<Filter> filters) {
        return containers.listContainers(ListContainersRequest.newBuilder().setAll(true).addAllFilters(filters)
                .build()).getContainersList();
    }

    private static boolean isRunning(Container container) {
        ContainerStatus status = container.getState().getStatus();
        return status == ContainerStatus.CONTAINER_STATUS_RUNNING || status == ContainerStatus.CONTAINER_STATUS_PAUSED
                || status == ContainerStatus.CONTAINER_STATUS_RESTARTING;
    }
}

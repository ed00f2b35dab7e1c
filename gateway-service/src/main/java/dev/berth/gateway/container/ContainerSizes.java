package dev.berth.gateway.container;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.WritableLayersRequest;
import io.grpc.StatusRuntimeException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Docker's SizeRw and SizeRootFs of containers: the writable layer as each container's node
 * measures it, and that plus the image's layers (the image's Size). One call per node. A container
 * whose node does not answer, or does not know it, gets no sizes (absent, not made up).
 */
@Component
public class ContainerSizes {

    private static final Logger log = LoggerFactory.getLogger(ContainerSizes.class);

    /** The two figures of one container, in bytes. */
    public record Size(long rw, long rootFs) {
    }

    private final NodeChannels nodes;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ContainerSizes(NodeChannels nodes, ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.nodes = nodes;
        this.images = images;
    }

    /** Sizes by container id. */
    public Map<String, Size> measure(List<Container> containers) {
        if (containers.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> imageSizes = images.listImages(ListImagesRequest.newBuilder().setAll(true).build())
                .getImagesList().stream().collect(Collectors.toMap(Image::getId, Image::getSize, (a, b) -> a));
        Map<String, List<Container>> byNode = containers.stream()
                .filter(c -> !c.getNodeAddress().isEmpty())
                .collect(Collectors.groupingBy(Container::getNodeAddress, LinkedHashMap::new, Collectors.toList()));
        Map<String, Size> sizes = new HashMap<>();
        byNode.forEach((address, onNode) -> {
            Map<String, Long> rw = writableLayers(address, onNode);
            for (Container c : onNode) {
                Long bytes = rw.get(c.getId());
                if (bytes != null) {
                    sizes.put(c.getId(), new Size(bytes, bytes + imageSizes.getOrDefault(c.getImageId(), 0L)));
                }
            }
        });
        return sizes;
    }

    private Map<String, Long> writableLayers(String address, List<Container> onNode) {
        try {
            return nodes.nodeDisk(address).measureWritableLayers(WritableLayersRequest.newBuilder()
                    .addAllContainerIds(onNode.stream().map(Container::getId).toList()).build()).getSizeRwMap();
        } catch (StatusRuntimeException e) {
            log.warn("node {} did not measure its writable layers: {}", address, e.getStatus());
            return Map.of();
        }
    }

    /**
     * The view with SizeRw and SizeRootFs put after the entry named {@code after} (where Docker
     * places them); the view as it was without a size.
     */
    public static Map<String, Object> withSize(Map<String, Object> view, Size size, String after) {
        if (size == null) {
            return view;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        view.forEach((key, value) -> {
            out.put(key, value);
            if (key.equals(after)) {
                out.put("SizeRw", size.rw());
                out.put("SizeRootFs", size.rootFs());
            }
        });
        out.putIfAbsent("SizeRw", size.rw());
        out.putIfAbsent("SizeRootFs", size.rootFs());
        return out;
    }
}

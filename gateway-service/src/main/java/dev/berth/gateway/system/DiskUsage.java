package dev.berth.gateway.system;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.Layer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The image side of {@code docker system df}: the bytes the images' layers take once each
 * ({@code LayersSize}), what each image shares with others ({@code SharedSize}) and how many
 * containers use it. A layer's size is its uncompressed size as image-service measured it; layers
 * are told apart by diff id.
 */
final class DiskUsage {

    private final List<Image> images;
    private final Map<String, Long> layerSizes = new HashMap<>();
    private final Map<String, Long> containersPerImage;
    private final Map<String, Long> imagesPerLayer;

    DiskUsage(List<Image> images, List<Container> containers) {
        this.images = List.copyOf(images);
        for (Image image : images) {
            image.getLayersList().forEach(layer -> layerSizes.put(layer.getDiffId(), layer.getUncompressedSize()));
        }
        this.containersPerImage = containers.stream()
                .collect(Collectors.groupingBy(Container::getImageId, Collectors.counting()));
        this.imagesPerLayer = images.stream()
                .flatMap(image -> image.getLayersList().stream().map(Layer::getDiffId).distinct())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Each distinct layer counted once. */
    long layersSize() {
        return layerSizes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The bytes of the image's layers that other images hold too. */
    long sharedSize(Image image) {
        return image.getLayersList().stream().map(Layer::getDiffId).distinct()
                .filter(diffId -> imagesPerLayer.getOrDefault(diffId, 0L) > 1)
                .mapToLong(diffId -> layerSizes.getOrDefault(diffId, 0L)).sum();
    }

    long containers(Image image) {
        return containersPerImage.getOrDefault(image.getId(), 0L);
    }

    List<Image> images() {
        return images;
    }
}

package dev.berth.gateway.system;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.HistoryItem;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.Layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The image side of {@code docker system df}: the bytes the images' layers take once each
 * ({@code LayersSize}), what each image shares with others ({@code SharedSize}) and how many
 * containers use it. A layer's uncompressed size is read from the image's history, whose
 * non-empty entries are its layers in order; when they do not line up the sizes are unknown:
 * SharedSize is Docker's -1 and LayersSize absent.
 */
final class DiskUsage {

    private final List<Image> images;
    private final Map<String, Optional<Map<String, Long>>> layerSizes;
    private final Map<String, Long> containersPerImage;
    private final Map<String, Long> imagesPerLayer;

    DiskUsage(List<Image> images, Function<Image, List<HistoryItem>> history, List<Container> containers) {
        this.images = List.copyOf(images);
        this.layerSizes = new HashMap<>();
        for (Image image : images) {
            layerSizes.put(image.getId(), layerSizes(image, history.apply(image)));
        }
        this.containersPerImage = containers.stream()
                .collect(Collectors.groupingBy(Container::getImageId, Collectors.counting()));
        this.imagesPerLayer = images.stream()
                .flatMap(image -> image.getLayersList().stream().map(Layer::getDiffId).distinct())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The diff ids of the image's layers with their uncompressed sizes, when history tells them. */
    static Optional<Map<String, Long>> layerSizes(Image image, List<HistoryItem> newestFirst) {
        List<Long> sizes = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            if (newestFirst.get(i).getSize() > 0) {
                sizes.add(newestFirst.get(i).getSize());
            }
        }
        if (sizes.size() != image.getLayersCount()) {
            return Optional.empty();
        }
        Map<String, Long> byDiffId = new HashMap<>();
        for (int i = 0; i < sizes.size(); i++) {
            byDiffId.put(image.getLayers(i).getDiffId(), sizes.get(i));
        }
        return Optional.of(byDiffId);
    }

    /** Each distinct layer counted once; empty when some layer's size is unknown. */
    OptionalLong layersSize() {
        Map<String, Long> all = new HashMap<>();
        for (Optional<Map<String, Long>> sizes : layerSizes.values()) {
            if (sizes.isEmpty()) {
                return OptionalLong.empty();
            }
            all.putAll(sizes.get());
        }
        return OptionalLong.of(all.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The bytes of the image's layers that other images hold too; -1 when unknown, as Docker says. */
    long sharedSize(Image image) {
        return layerSizes.get(image.getId())
                .map(sizes -> sizes.entrySet().stream()
                        .filter(layer -> imagesPerLayer.getOrDefault(layer.getKey(), 0L) > 1)
                        .mapToLong(Map.Entry::getValue).sum())
                .orElse(-1L);
    }

    long containers(Image image) {
        return containersPerImage.getOrDefault(image.getId(), 0L);
    }

    List<Image> images() {
        return images;
    }
}

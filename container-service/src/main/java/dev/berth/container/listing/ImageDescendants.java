package dev.berth.container.listing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.Layer;

/**
 * The images built on an image, for the {@code ancestor} filter: those whose layers begin with
 * all of its layers and add more (how Docker's containerd image store finds an image's children;
 * Berth records no parent links). An image without layers has no descendants this way.
 */
final class ImageDescendants {

    private ImageDescendants() {
    }

    /** The ancestor's id and the ids of the images built on it. */
    static Set<String> of(Image ancestor, List<Image> all) {
        Set<String> ids = new HashSet<>();
        ids.add(ancestor.getId());
        List<String> base = diffIds(ancestor);
        if (base.isEmpty()) {
            return ids;
        }
        for (Image image : all) {
            List<String> layers = diffIds(image);
            if (layers.size() > base.size() && layers.subList(0, base.size()).equals(base)) {
                ids.add(image.getId());
            }
        }
        return ids;
    }

    private static List<String> diffIds(Image image) {
        return image.getLayersList().stream().map(Layer::getDiffId).toList();
    }
}

package dev.berth.container.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.Layer;

class ImageDescendantsTest {

    private static Image image(String id, String... diffIds) {
        Image.Builder image = Image.newBuilder().setId(id);
        for (String diffId : diffIds) {
            image.addLayers(Layer.newBuilder().setDiffId(diffId));
        }
        return image.build();
    }

    private static final Image BASE = image("base", "a");
    private static final Image DERIVED = image("derived", "a", "b");
    private static final Image GRANDCHILD = image("grandchild", "a", "b", "c");
    private static final Image SAME_LAYERS = image("same", "a");
    private static final Image OTHER = image("other", "x", "a");
    private static final List<Image> ALL = List.of(BASE, DERIVED, GRANDCHILD, SAME_LAYERS, OTHER);

    @Test
    void of_base_itselfAndEveryImageThatExtendsItsLayers() {
        assertThat(ImageDescendants.of(BASE, ALL)).containsExactlyInAnyOrder("base", "derived", "grandchild");
    }

    @Test
    void of_derived_notItsBase() {
        assertThat(ImageDescendants.of(DERIVED, ALL)).containsExactlyInAnyOrder("derived", "grandchild");
    }

    @Test
    void of_imageWithoutLayers_onlyItself() {
        assertThat(ImageDescendants.of(image("empty"), ALL)).containsExactly("empty");
    }
}

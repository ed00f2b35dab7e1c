package dev.berth.gateway.system;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiskUsageTest {

    private static Layer layer(String diffId, long uncompressedSize) {
        return Layer.newBuilder().setDiffId(diffId).setUncompressedSize(uncompressedSize).build();
    }

    private static final Image BASE = Image.newBuilder().setId("sha256:base").addLayers(layer("sha256:l1", 100)).build();
    private static final Image CHILD = Image.newBuilder().setId("sha256:child")
            .addLayers(layer("sha256:l1", 100)).addLayers(layer("sha256:l2", 40)).build();
    private static final Image OTHER = Image.newBuilder().setId("sha256:other").addLayers(layer("sha256:l3", 7)).build();

    @Test
    void layersSize_countsASharedLayerOnce_andSharedSizeIsWhatOthersHoldToo() {
        DiskUsage usage = new DiskUsage(List.of(BASE, CHILD, OTHER),
                List.of(Container.newBuilder().setImageId("sha256:child").build(),
                        Container.newBuilder().setImageId("sha256:child").build()));

        assertThat(usage.layersSize()).isEqualTo(147);
        assertThat(usage.sharedSize(BASE)).isEqualTo(100);
        assertThat(usage.sharedSize(CHILD)).isEqualTo(100);
        assertThat(usage.sharedSize(OTHER)).isZero();
        assertThat(usage.containers(CHILD)).isEqualTo(2);
        assertThat(usage.containers(BASE)).isZero();
    }
}

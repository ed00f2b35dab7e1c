package dev.berth.gateway.system;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.HistoryItem;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DiskUsageTest {

    private static Image image(String id, String... diffIds) {
        Image.Builder image = Image.newBuilder().setId(id);
        for (String diffId : diffIds) {
            image.addLayers(Layer.newBuilder().setDiffId(diffId));
        }
        return image.build();
    }

    /** History newest first: a size per layer, bottom layer last, with an empty entry between. */
    private static List<HistoryItem> history(long... bottomFirstSizes) {
        List<HistoryItem> items = new java.util.ArrayList<>();
        for (long size : bottomFirstSizes) {
            items.add(0, HistoryItem.newBuilder().setSize(size).build());
            items.add(0, HistoryItem.newBuilder().setCreatedBy("ENV A=b").build());
        }
        return items;
    }

    private static final Image BASE = image("sha256:base", "sha256:l1");
    private static final Image CHILD = image("sha256:child", "sha256:l1", "sha256:l2");

    @Test
    void layersSize_countsASharedLayerOnce_andSharedSizeIsWhatOthersHoldToo() {
        Map<Image, List<HistoryItem>> histories = Map.of(BASE, history(100), CHILD, history(100, 40));
        DiskUsage usage = new DiskUsage(List.of(BASE, CHILD), histories::get,
                List.of(Container.newBuilder().setImageId("sha256:child").build(),
                        Container.newBuilder().setImageId("sha256:child").build()));

        assertThat(usage.layersSize()).hasValue(140);
        assertThat(usage.sharedSize(BASE)).isEqualTo(100);
        assertThat(usage.sharedSize(CHILD)).isEqualTo(100);
        assertThat(usage.containers(CHILD)).isEqualTo(2);
        assertThat(usage.containers(BASE)).isZero();
    }

    @Test
    void historyThatDoesNotLineUpWithTheLayers_leavesTheSizesUnknown() {
        Map<Image, List<HistoryItem>> histories = Map.of(BASE, history(100), CHILD, history(40));
        DiskUsage usage = new DiskUsage(List.of(BASE, CHILD), histories::get, List.of());

        assertThat(usage.layersSize()).isEmpty();
        assertThat(usage.sharedSize(CHILD)).isEqualTo(-1);
        assertThat(usage.sharedSize(BASE)).isEqualTo(100);
    }
}

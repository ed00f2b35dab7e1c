package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;
import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HistoryItem;
import dev.berth.proto.v1.ImageDeleteItem;
import dev.berth.proto.v1.PruneImagesResponse;

class LifecycleViewsTest {

    @Test
    void items_areDockersUntaggedAndDeletedObjects() {
        assertThat(LifecycleViews.items(List.of(ImageDeleteItem.newBuilder().setUntagged("bb:1").build(),
                ImageDeleteItem.newBuilder().setDeleted("sha256:ab").build())))
                .containsExactly(Map.of("Untagged", "bb:1"), Map.of("Deleted", "sha256:ab"));
    }

    @Test
    void prune_withNothingDeleted_hasNullImagesDeleted() {
        Map<String, Object> body = LifecycleViews.prune(PruneImagesResponse.getDefaultInstance());

        assertThat(body).containsEntry("ImagesDeleted", null).containsEntry("SpaceReclaimed", 0L);
    }

    @Test
    void history_rowHasUnixSecondsAndNullTagsWhenNone() {
        Map<String, Object> row = LifecycleViews.history(HistoryItem.newBuilder().setId("<missing>")
                .setCreated(Timestamp.newBuilder().setSeconds(1700000000)).setCreatedBy("RUN x").setSize(5).build());

        assertThat(row).containsExactly(Map.entry("Id", "<missing>"), Map.entry("Created", 1700000000L),
                Map.entry("CreatedBy", "RUN x"), entry("Tags", null), Map.entry("Size", 5L), Map.entry("Comment", ""));
    }

    @Test
    void imagePath_splitsNameWithSlashesFromAction() {
        assertThat(ImagePath.parse("/127.0.0.1:5000/x/y:1/history"))
                .isEqualTo(new ImagePath("127.0.0.1:5000/x/y:1", "history"));
        assertThatThrownBy(() -> ImagePath.parse("/json")).isInstanceOf(DockerApiException.class)
                .hasMessage("page not found");
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}

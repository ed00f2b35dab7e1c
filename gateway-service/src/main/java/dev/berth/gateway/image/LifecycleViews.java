package dev.berth.gateway.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.proto.v1.HistoryItem;
import dev.berth.proto.v1.ImageDeleteItem;
import dev.berth.proto.v1.PruneImagesResponse;

/** Delete, prune and history answers in Docker's JSON shapes. */
final class LifecycleViews {

    private LifecycleViews() {
    }

    /** {@code [{"Untagged": "bb:1"}, {"Deleted": "sha256:..."}]} */
    static List<Map<String, Object>> items(List<ImageDeleteItem> items) {
        return items.stream().map(LifecycleViews::item).toList();
    }

    static Map<String, Object> prune(PruneImagesResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ImagesDeleted", response.getImagesDeletedCount() == 0 ? null : items(response.getImagesDeletedList()));
        body.put("SpaceReclaimed", response.getSpaceReclaimed());
        return body;
    }

    /** One row of {@code GET /images/{name}/history}: Created in Unix seconds, Tags null when none. */
    static Map<String, Object> history(HistoryItem item) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Id", item.getId());
        row.put("Created", item.hasCreated() ? item.getCreated().getSeconds() : 0);
        row.put("CreatedBy", item.getCreatedBy());
        row.put("Tags", item.getTagsCount() == 0 ? null : item.getTagsList());
        row.put("Size", item.getSize());
        row.put("Comment", item.getComment());
        return row;
    }

    private static Map<String, Object> item(ImageDeleteItem item) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (item.getItemCase() == ImageDeleteItem.ItemCase.UNTAGGED) {
            line.put("Untagged", item.getUntagged());
        } else {
            line.put("Deleted", item.getDeleted());
        }
        return line;
    }
}

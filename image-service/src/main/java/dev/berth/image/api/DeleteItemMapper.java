package dev.berth.image.api;

import java.util.List;

import dev.berth.image.remove.DeleteItem;
import dev.berth.proto.v1.ImageDeleteItem;

/** Delete answers to their messages. */
final class DeleteItemMapper {

    private DeleteItemMapper() {
    }

    static List<ImageDeleteItem> toProto(List<DeleteItem> items) {
        return items.stream().map(item -> item.untagged() != null
                ? ImageDeleteItem.newBuilder().setUntagged(item.untagged()).build()
                : ImageDeleteItem.newBuilder().setDeleted(item.deleted()).build()).toList();
    }
}

package dev.berth.gateway.image;

import dev.berth.gateway.events.GatewayEvents;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageDeleteItem;
import dev.berth.proto.v1.ImageServiceGrpc;
import io.grpc.StatusRuntimeException;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image events as dockerd logs them: Actor.ID is the image id, or the reference for pull and
 * push; attributes are the image's labels and {@code name} (the new tag for tag, the reference
 * for pull and push, the id otherwise). Published by the gateway, which sees each operation
 * end (image-service holds no client of the event log).
 */
@Component
class ImageEvents {

    private static final String LOADED = "Loaded image: ";
    private static final String LOADED_ID = "Loaded image ID: ";

    private final GatewayEvents events;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ImageEvents(GatewayEvents events, ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.events = events;
        this.images = images;
    }

    void tagged(String source, String repo, String tag) {
        find(source).ifPresent(image -> publish(image, image.getId(), "tag",
                familiar(repo + ":" + (tag.isEmpty() ? "latest" : tag))));
    }

    /** After a removal of image {@code id}: an untag per reference, a delete if the image went. */
    void removed(String id, List<ImageDeleteItem> items) {
        for (ImageDeleteItem item : items) {
            if (item.hasUntagged()) {
                events.image(id, "untag", Map.of("name", id));
            } else if (item.getDeleted().equals(id)) {
                events.image(id, "delete", Map.of("name", id));
            }
        }
    }

    /**
     * After a prune: an untag per reference and a delete per image that went, each naming its
     * image by id. {@code before} is the image list taken before the prune, which maps the
     * removed references and tells image ids from the layer ids among the deleted.
     */
    void pruned(List<Image> before, List<ImageDeleteItem> items) {
        Map<String, String> idOfReference = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Image image : before) {
            ids.add(image.getId());
            image.getRepoTagsList().forEach(tag -> idOfReference.put(tag, image.getId()));
            image.getRepoDigestsList().forEach(digest -> idOfReference.put(digest, image.getId()));
        }
        for (ImageDeleteItem item : items) {
            if (item.hasUntagged() && idOfReference.containsKey(item.getUntagged())) {
                String id = idOfReference.get(item.getUntagged());
                events.image(id, "untag", Map.of("name", id));
            } else if (!item.hasUntagged() && ids.contains(item.getDeleted())) {
                events.image(item.getDeleted(), "delete", Map.of("name", item.getDeleted()));
            }
        }
    }

    void imported(Image image) {
        publish(image, image.getId(), "import", image.getId());
    }

    void loaded(List<String> messages) {
        for (String message : messages) {
            String ref = message.startsWith(LOADED_ID) ? message.substring(LOADED_ID.length())
                    : message.startsWith(LOADED) ? message.substring(LOADED.length()) : null;
            if (ref != null) {
                find(ref.trim()).ifPresent(image -> publish(image, image.getId(), "load", image.getId()));
            }
        }
    }

    void saved(List<String> names) {
        for (String name : names) {
            find(name).ifPresent(image -> publish(image, image.getId(), "save", image.getId()));
        }
    }

    /** pull and push name the reference, not the image. */
    void byReference(String reference, String action) {
        String name = familiar(reference);
        find(reference).ifPresent(image -> publish(image, name, action, name));
    }

    private void publish(Image image, String actorId, String action, String name) {
        Map<String, String> attributes = new LinkedHashMap<>(image.getConfig().getLabelsMap());
        attributes.put("name", name);
        events.image(actorId, action, attributes);
    }

    private Optional<Image> find(String reference) {
        try {
            return Optional.of(images.getImage(GetImageRequest.newBuilder().setReference(reference).build()));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    /** Docker's familiar form: without docker.io/library/, with a tag (latest) unless by digest. */
    static String familiar(String reference) {
        String name = reference;
        if (name.startsWith("docker.io/library/")) {
            name = name.substring("docker.io/library/".length());
        } else if (name.startsWith("docker.io/")) {
            name = name.substring("docker.io/".length());
        }
        boolean tagged = name.lastIndexOf(':') > name.lastIndexOf('/');
        return name.contains("@") || tagged ? name : name + ":latest";
    }
}

package dev.berth.gateway.image;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.LoginRequest;
import dev.berth.proto.v1.LoginResponse;
import dev.berth.proto.v1.PruneImagesRequest;
import dev.berth.proto.v1.RemoveImageRequest;
import dev.berth.proto.v1.TagImageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.http.HttpServletResponse;

/** Tag, remove, prune, login and push: an image's life after the pull. */
@RestController
class ImageLifecycleController {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImageUsers users;
    private final ImagePushes pushes;
    private final ImageEvents events;

    ImageLifecycleController(ImageServiceGrpc.ImageServiceBlockingStub images, ImageUsers users, ImagePushes pushes,
                             ImageEvents events) {
        this.events = events;
        this.images = images;
        this.users = users;
        this.pushes = pushes;
    }

    /** {@code POST /images/{name}/tag} (201, no body) and {@code POST /images/{name}/push} (a progress stream). */
    @PostMapping("/images/{*path}")
    ResponseEntity<Object> tagOrPush(@PathVariable String path,
                                     @RequestParam(defaultValue = "") String repo,
                                     @RequestParam(defaultValue = "") String tag,
                                     @RequestHeader(value = "X-Registry-Auth", defaultValue = "") String auth,
                                     HttpServletResponse response) throws java.io.IOException {
        ImagePath image = ImagePath.parse(path);
        switch (image.action()) {
            case "tag" -> {
                images.tagImage(TagImageRequest.newBuilder().setSource(image.name()).setRepo(repo).setTag(tag).build());
                events.tagged(image.name(), repo, tag);
                return ResponseEntity.status(HttpStatus.CREATED).build();
            }
            case "push" -> {
                ProgressStream<dev.berth.proto.v1.PushProgress> push = pushes.start(image.name(), tag, auth);
                response.setStatus(HttpStatus.OK.value());
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                if (push.writeTo(response.getOutputStream(), response)) {
                    events.byReference(image.name() + (tag.isEmpty() ? "" : ":" + tag), "push");
                }
                return null; // written: nothing left for Spring to do
            }
            default -> throw DockerApiException.notFound("page not found");
        }
    }

    @DeleteMapping("/images/{*path}")
    ResponseEntity<List<Map<String, Object>>> remove(@PathVariable String path,
                                                     @RequestParam(defaultValue = "false") boolean force,
                                                     @RequestParam(defaultValue = "false") boolean noprune) {
        String name = path.substring(1);
        if (name.isEmpty()) {
            throw DockerApiException.notFound("page not found");
        }
        // container-service knows who uses the image: ask by id, so every reference to it counts
        String id = images.getImage(dev.berth.proto.v1.GetImageRequest.newBuilder().setReference(name).build()).getId();
        RemoveImageRequest request = RemoveImageRequest.newBuilder().setReference(name).setForce(force)
                .setNoPrune(noprune).addAllUsers(users.of(id)).build();
        List<dev.berth.proto.v1.ImageDeleteItem> removed = images.removeImage(request).getItemsList();
        events.removed(id, removed);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(LifecycleViews.items(removed));
    }

    @PostMapping("/images/prune")
    ResponseEntity<Map<String, Object>> prune(@RequestParam(required = false) String filters) {
        PruneImagesRequest request = PruneImagesRequest.newBuilder().addAllFilters(ListFilters.parse(filters))
                .addAllUsedImageIds(users.usedImageIds()).build();
        List<dev.berth.proto.v1.Image> before = images.listImages(
                dev.berth.proto.v1.ListImagesRequest.newBuilder().setAll(true).build()).getImagesList();
        dev.berth.proto.v1.PruneImagesResponse pruned = images.pruneImages(request);
        events.pruned(before, pruned.getImagesDeletedList());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(LifecycleViews.prune(pruned));
    }

    /** docker login: the credentials are checked, never kept. */
    @PostMapping("/auth")
    ResponseEntity<Map<String, String>> login(@RequestBody AuthConfig auth) {
        LoginResponse response = images.login(LoginRequest.newBuilder()
                .setUsername(nullToEmpty(auth.username())).setPassword(nullToEmpty(auth.password()))
                .setServerAddress(nullToEmpty(auth.serverAddress())).build());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("Status", response.getStatus(), "IdentityToken", response.getIdentityToken()));
    }

    /** Docker's AuthConfig, as the CLI sends it to /auth. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthConfig(String username, String password, @JsonProperty("serveraddress") String serverAddress) {
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}

package dev.berth.gateway.build;

import dev.berth.gateway.container.DockerTime;
import dev.berth.gateway.image.ImageUsers;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.PruneBuildCacheRequest;
import dev.berth.proto.v1.PruneBuildCacheResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The build cache as the CLI sees it: the intermediate step images of builds (untagged, with an
 * image made on them; the others docker images shows) in docker system df's BuildCache, and
 * docker builder prune (POST /build/prune), which removes those no container uses.
 */
@RestController
public class BuildCacheController {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImageUsers users;

    BuildCacheController(ImageServiceGrpc.ImageServiceBlockingStub imageService, ImageUsers users) {
        this.images = imageService;
        this.users = users;
    }

    @PostMapping("/build/prune")
    ResponseEntity<Map<String, Object>> prune(@RequestParam(defaultValue = "") String all,
                                              @RequestParam(required = false, name = "keep-storage") String keepStorage,
                                              @RequestParam(required = false) String filters) {
        if (keepStorage != null && !keepStorage.isEmpty() && !keepStorage.equals("0")) {
            throw dev.berth.gateway.api.DockerApiException.badRequest("Berth does not support --keep-storage yet");
        }
        if (filters != null && !filters.isEmpty() && !filters.equals("{}")) {
            throw dev.berth.gateway.api.DockerApiException.badRequest("Berth does not support builder prune filters yet");
        }
        PruneBuildCacheResponse pruned = images.pruneBuildCache(PruneBuildCacheRequest.newBuilder()
                .setAll(all.equals("1") || all.equalsIgnoreCase("true"))
                .addAllUsedImageIds(users.usedImageIds()).build());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("CachesDeleted", pruned.getCachesDeletedList());
        body.put("SpaceReclaimed", pruned.getSpaceReclaimed());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** docker system df's BuildCache records: each step image with the size of the layers it added. */
    public List<Map<String, Object>> entries() {
        List<Image> all = images.listImages(ListImagesRequest.newBuilder().setAll(true).build()).getImagesList();
        Map<String, Integer> layerCounts = new HashMap<>();
        all.forEach(image -> layerCounts.put(image.getId(), image.getLayersCount()));
        Set<String> used = new HashSet<>(users.usedImageIds());
        Set<String> parents = new HashSet<>();
        all.forEach(image -> parents.add(image.getParent()));
        // the intermediate images of builds: an untagged result without children is an image docker images shows
        return all.stream().filter(image -> image.getBuildCache() && image.getRepoTagsCount() == 0
                && parents.contains(image.getId())).map(image -> {
            int below = layerCounts.getOrDefault(image.getParent(), 0);
            long size = image.getLayersList().stream().skip(below).mapToLong(layer -> layer.getUncompressedSize()).sum();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ID", hex(image.getId()));
            if (!image.getParent().isEmpty()) {
                entry.put("Parent", hex(image.getParent()));
            }
            entry.put("Type", "regular");
            entry.put("InUse", used.contains(image.getId()));
            entry.put("Shared", false);
            entry.put("Size", size);
            entry.put("CreatedAt", DockerTime.rfc3339Nano(true, image.getCreated()));
            return entry;
        }).toList();
    }

    private static String hex(String id) {
        return id.startsWith("sha256:") ? id.substring(7) : id;
    }
}

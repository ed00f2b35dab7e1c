package dev.berth.gateway.system;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.build.BuildCacheController;
import dev.berth.gateway.container.ContainerSizes;
import dev.berth.gateway.container.ContainerViews;
import dev.berth.gateway.image.ImageViews;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.ListImagesRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import dev.berth.gateway.volume.VolumeViews;
import dev.berth.proto.v1.ListVolumesRequest;
import dev.berth.proto.v1.VolumeServiceGrpc;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /system/df ({@code docker system df}). Containers with SizeRw and SizeRootFs as their nodes
 * measure them. Volumes with their reference counts; their size is not measured yet (-1, Docker's
 * "not available"). Berth has no build cache.
 */
@RestController
class DiskUsageController {

    private static final Set<String> TYPES = Set.of("container", "image", "volume", "build-cache");

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ContainerSizes sizes;
    private final VolumeServiceGrpc.VolumeServiceBlockingStub volumes;
    private final BuildCacheController buildCache;

    DiskUsageController(ContainerServiceGrpc.ContainerServiceBlockingStub containers,
                        ImageServiceGrpc.ImageServiceBlockingStub images, ContainerSizes sizes,
                        VolumeServiceGrpc.VolumeServiceBlockingStub volumes, BuildCacheController buildCache) {
        this.buildCache = buildCache;
        this.volumes = volumes;
        this.containers = containers;
        this.images = images;
        this.sizes = sizes;
    }

    @GetMapping("/system/df")
    ResponseEntity<Map<String, Object>> diskUsage(@RequestParam(name = "type", required = false) List<String> types) {
        List<String> wanted = types == null || types.isEmpty() ? List.copyOf(TYPES) : types;
        for (String type : wanted) {
            if (!TYPES.contains(type)) {
                throw DockerApiException.badRequest("unknown object type: " + type);
            }
        }
        List<Container> all = containers.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                .getContainersList();
        Map<String, Object> body = new LinkedHashMap<>();
        if (wanted.contains("image")) {
            List<Image> found = images.listImages(ListImagesRequest.getDefaultInstance()).getImagesList();
            DiskUsage usage = new DiskUsage(found, all);
            body.put("LayersSize", usage.layersSize());
            body.put("Images", usage.images().stream().map(image -> {
                Map<String, Object> summary = new LinkedHashMap<>(ImageViews.summary(image));
                summary.put("SharedSize", usage.sharedSize(image));
                summary.put("Containers", usage.containers(image));
                return summary;
            }).toList());
        }
        if (wanted.contains("container")) {
            Instant now = Instant.now();
            Map<String, ContainerSizes.Size> measured = sizes.measure(all);
            body.put("Containers", all.stream().map(c -> ContainerSizes.withSize(
                    ContainerViews.summary(c, now), measured.get(c.getId()), "Ports")).toList());
        }
        if (wanted.contains("volume")) {
            body.put("Volumes", volumes.listVolumes(ListVolumesRequest.getDefaultInstance()).getVolumesList().stream()
                    .map(v -> {
                        Map<String, Object> entry = new LinkedHashMap<>(VolumeViews.view(v));
                        entry.put("UsageData", Map.of("Size", -1, "RefCount", v.getUsersCount()));
                        return entry;
                    }).toList());
        }
        if (wanted.contains("build-cache")) {
            body.put("BuildCache", buildCache.entries());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}

package dev.berth.gateway.image;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ListImagesRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Image endpoints: import, list, inspect. Names may contain slashes (myreg:5000/ns/x:1). */
@RestController
class ImageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImageImporter importer;

    ImageController(ImageServiceGrpc.ImageServiceBlockingStub images, ImageImporter importer) {
        this.images = images;
        this.importer = importer;
    }

    @PostMapping("/images/create")
    ResponseEntity<String> create(@RequestParam(required = false) String fromSrc,
                                  @RequestParam(required = false) String fromImage,
                                  @RequestParam(defaultValue = "") String repo,
                                  @RequestParam(defaultValue = "") String tag,
                                  @RequestParam(defaultValue = "") String message,
                                  @RequestParam(defaultValue = "") String platform,
                                  HttpServletRequest request) throws IOException, InterruptedException {
        if (fromSrc == null) {
            String name = fromImage == null ? "" : fromImage + (tag.isEmpty() ? "" : ":" + tag);
            throw new DockerApiException(HttpStatus.INTERNAL_SERVER_ERROR, "pull access denied for " + name
                    + ": Berth cannot pull from registries yet (import the image with docker import)");
        }
        if (!fromSrc.equals("-")) {
            throw DockerApiException.badRequest("importing from a URL is not supported: " + fromSrc);
        }
        ImportHeader header = ImportHeader.newBuilder()
                .setRepo(repo).setTag(tag).addAllChanges(changes(request))
                .setMessage(message).setPlatform(platform).build();
        Image image = importer.importTarball(header, request.getInputStream());
        String progress = JSON.writeValueAsString(Map.of("status", image.getId())) + "\n";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(progress);
    }

    /** Each `changes` parameter whole: a Dockerfile line may itself contain commas. */
    private static List<String> changes(HttpServletRequest request) {
        String[] values = request.getParameterValues("changes");
        return values == null ? List.of() : Arrays.stream(values).filter(c -> !c.isEmpty()).toList();
    }

    @GetMapping("/images/json")
    ResponseEntity<List<Map<String, Object>>> list(@RequestParam(defaultValue = "false") boolean all,
                                                   @RequestParam(required = false) String filters) {
        List<Image> found = images.listImages(ListImagesRequest.newBuilder()
                .setAll(all).addAllFilters(ListFilters.parse(filters)).build()).getImagesList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(found.stream().map(ImageViews::summary).toList());
    }

    @GetMapping("/images/{*path}")
    ResponseEntity<Map<String, Object>> inspect(@PathVariable String path) {
        if (!path.endsWith("/json") || path.length() <= "//json".length()) {
            throw DockerApiException.notFound("page not found");
        }
        String name = path.substring(1, path.length() - "/json".length());
        Image image = images.getImage(GetImageRequest.newBuilder().setReference(name).build());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ImageViews.inspect(image));
    }
}

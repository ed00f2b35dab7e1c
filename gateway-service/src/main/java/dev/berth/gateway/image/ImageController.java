package dev.berth.gateway.image;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.PullProgress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Image endpoints: pull, import, list, inspect, history, save and load. Names may contain slashes (myreg:5000/ns/x:1). */
@RestController
class ImageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImageImporter importer;
    private final ImagePulls pulls;
    private final ImageSaves saves;
    private final ImageLoads loads;
    private final ImageEvents events;

    ImageController(ImageServiceGrpc.ImageServiceBlockingStub images, ImageImporter importer, ImagePulls pulls,
                    ImageSaves saves, ImageLoads loads, ImageEvents events) {
        this.events = events;
        this.images = images;
        this.importer = importer;
        this.pulls = pulls;
        this.saves = saves;
        this.loads = loads;
    }

    /** docker pull: Docker's JSON message stream, written as the pull goes. */
    @PostMapping(value = "/images/create", params = "fromImage")
    ResponseEntity<StreamingResponseBody> pull(@RequestParam String fromImage,
                                               @RequestParam(defaultValue = "") String tag,
                                               @RequestParam(defaultValue = "") String platform,
                                               @RequestHeader(value = "X-Registry-Auth", defaultValue = "") String auth,
                                               HttpServletResponse response) {
        if (fromImage.isEmpty()) {
            throw DockerApiException.badRequest("invalid reference format");
        }
        String reference = PullReference.of(fromImage, tag);
        ProgressStream<PullProgress> pull = pulls.start(reference, platform, auth);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> {
            if (pull.writeTo(out, response)) {
                events.byReference(reference, "pull");
            }
        });
    }

    /** docker import: the request body is the tarball. */
    @PostMapping("/images/create")
    ResponseEntity<String> create(@RequestParam(required = false) String fromSrc,
                                  @RequestParam(defaultValue = "") String repo,
                                  @RequestParam(defaultValue = "") String tag,
                                  @RequestParam(defaultValue = "") String message,
                                  @RequestParam(defaultValue = "") String platform,
                                  HttpServletRequest request) throws IOException, InterruptedException {
        if (fromSrc == null) {
            throw DockerApiException.badRequest("either fromImage or fromSrc is required");
        }
        if (!fromSrc.equals("-")) {
            throw DockerApiException.badRequest("importing from a URL is not supported: " + fromSrc);
        }
        ImportHeader header = ImportHeader.newBuilder()
                .setRepo(repo).setTag(tag).addAllChanges(changes(request))
                .setMessage(message).setPlatform(platform).build();
        Image image = importer.importTarball(header, request.getInputStream());
        events.imported(image);
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

    /** {@code GET /images/{name}/json} (inspect), {@code /history} and {@code /get} (docker save). */
    @GetMapping("/images/{*path}")
    ResponseEntity<Object> byName(@PathVariable String path, HttpServletResponse response) throws IOException {
        ImagePath image = ImagePath.parse(path);
        GetImageRequest request = GetImageRequest.newBuilder().setReference(image.name()).build();
        Object body = switch (image.action()) {
            case "json" -> ImageViews.inspect(images.getImage(request));
            case "history" -> images.getImageHistory(request).getItemsList().stream().map(LifecycleViews::history).toList();
            case "get" -> null;
            default -> throw DockerApiException.notFound("page not found");
        };
        if (body == null) {
            saves.save(List.of(image.name()), response);
            events.saved(List.of(image.name()));
            return null; // written: nothing left for Spring to do
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** docker save of several images: {@code GET /images/get?names=a&names=b}. */
    @GetMapping("/images/get")
    ResponseEntity<Object> save(@RequestParam(defaultValue = "") List<String> names, HttpServletResponse response)
            throws IOException {
        if (names.isEmpty()) {
            throw DockerApiException.badRequest("no images to save: names is empty");
        }
        saves.save(names, response);
        events.saved(names);
        return null;
    }

    /** docker load: the body is the archive; Docker's JSON stream of "Loaded image" lines answers. */
    @PostMapping("/images/load")
    ResponseEntity<String> load(@RequestParam(defaultValue = "false") boolean quiet, HttpServletRequest request)
            throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        List<String> messages = loads.load(quiet, request.getInputStream());
        events.loaded(messages);
        for (String message : messages) {
            lines.append(JSON.writeValueAsString(Map.of("stream", message + "\n"))).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(lines.toString());
    }
}

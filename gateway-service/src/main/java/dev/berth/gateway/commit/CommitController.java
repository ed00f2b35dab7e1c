package dev.berth.gateway.commit;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.events.GatewayEvents;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * POST /commit: docker commit. The image's config is the container's (with the body's Config
 * over it, as docker-py sends one), then the -c changes; its history entry reads the container's
 * command, as Docker writes it.
 */
@RestController
class CommitController {

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final ContainerCommitter committer;
    private final GatewayEvents events;

    CommitController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, ContainerCommitter committer,
            GatewayEvents events) {
        this.containers = containers;
        this.committer = committer;
        this.events = events;
    }

    @PostMapping("/commit")
    ResponseEntity<Map<String, Object>> commit(@RequestParam(defaultValue = "") String container,
            @RequestParam(defaultValue = "") String repo, @RequestParam(defaultValue = "") String tag,
            @RequestParam(defaultValue = "") String comment, @RequestParam(defaultValue = "") String author,
            @RequestParam(required = false) String pause, @RequestParam(required = false) List<String> changes,
            @RequestBody(required = false) JsonNode body) throws IOException, InterruptedException {
        if (container.isEmpty()) {
            throw DockerApiException.badRequest("No container was given to commit");
        }
        Container found = containers.getContainer(ContainerRef.newBuilder().setRef(container).build());
        ImageConfig config = ConfigOverrides.apply(imageConfigOf(found.getConfig()), body);
        Image image = committer.commit(new CommitRequest(found.getId(), repo, tag, comment, author, config,
                changes == null ? List.of() : changes, pause == null || !isFalse(pause),
                String.join(" ", found.getConfig().getCmdList())));
        events.container(found.getId(), "commit", Map.of("comment", comment));
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("Id", image.getId()));
    }

    private static boolean isFalse(String flag) {
        return flag.equals("0") || flag.equalsIgnoreCase("false");
    }

    /** What of a container's config an image keeps (Docker's image Config fields). */
    static ImageConfig imageConfigOf(ContainerConfig config) {
        ImageConfig.Builder out = ImageConfig.newBuilder()
                .setUser(config.getUser())
                .addAllEnv(config.getEnvList())
                .addAllCmd(config.getCmdList())
                .setCmdSet(config.getCmdCount() > 0)
                .addAllEntrypoint(config.getEntrypointList())
                .setEntrypointSet(config.getEntrypointCount() > 0)
                .setWorkingDir(config.getWorkingDir())
                .putAllLabels(config.getLabelsMap())
                .addAllExposedPorts(new ArrayList<>(config.getExposedPortsList()))
                .addAllVolumes(config.getVolumesList())
                .setStopSignal(config.getStopSignal());
        if (config.hasHealthcheck()) {
            out.setHealthcheck(config.getHealthcheck());
        }
        return out.build();
    }
}

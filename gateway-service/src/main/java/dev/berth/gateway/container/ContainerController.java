package dev.berth.gateway.container;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.KillContainerRequest;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.RemoveContainerRequest;
import dev.berth.proto.v1.StopContainerRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Container lifecycle and queries: a thin translation to container-service. */
@RestController
class ContainerController {

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final ContainerSizes sizes;

    ContainerController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, ContainerSizes sizes) {
        this.containers = containers;
        this.sizes = sizes;
    }

    @PostMapping("/containers/create")
    ResponseEntity<Map<String, Object>> create(@RequestParam(defaultValue = "") String name,
                                               @RequestBody(required = false) JsonNode body) {
        CreateContainerRequest request = CreateRequestReader.read(body).toBuilder()
                .setName(name.startsWith("/") ? name.substring(1) : name)
                .build();
        Container created = containers.createContainer(request);
        return json(HttpStatus.CREATED, Map.of("Id", created.getId(),
                "Warnings", CreateWarnings.of(request.getHostConfig(), created.getHostConfig())));
    }

    @PostMapping("/containers/{id}/start")
    ResponseEntity<Void> start(@PathVariable String id) {
        boolean already = containers.startContainer(ref(id)).getAlreadyRunning();
        return ResponseEntity.status(already ? HttpStatus.NOT_MODIFIED : HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/containers/{id}/stop")
    ResponseEntity<Void> stop(@PathVariable String id, @RequestParam(required = false) Integer t,
                              @RequestParam(defaultValue = "") String signal) {
        boolean already = containers.stopContainer(stopRequest(id, t, signal)).getAlreadyStopped();
        return ResponseEntity.status(already ? HttpStatus.NOT_MODIFIED : HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/containers/{id}/restart")
    ResponseEntity<Void> restart(@PathVariable String id, @RequestParam(required = false) Integer t,
                                 @RequestParam(defaultValue = "") String signal) {
        containers.restartContainer(stopRequest(id, t, signal));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/containers/{id}/kill")
    ResponseEntity<Void> kill(@PathVariable String id, @RequestParam(defaultValue = "") String signal) {
        containers.killContainer(KillContainerRequest.newBuilder().setRef(id).setSignal(signal).build());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/containers/{id}")
    ResponseEntity<Void> remove(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
                                @RequestParam(defaultValue = "false") boolean v) {
        containers.removeContainer(RemoveContainerRequest.newBuilder()
                .setRef(id).setForce(force).setRemoveVolumes(v).build());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/containers/json")
    ResponseEntity<List<Map<String, Object>>> list(@RequestParam(defaultValue = "false") boolean all,
                                                   @RequestParam(defaultValue = "0") int limit,
                                                   @RequestParam(required = false) String filters,
                                                   @RequestParam(defaultValue = "false") boolean size) {
        List<Container> found = containers.listContainers(ListContainersRequest.newBuilder()
                .setAll(all).setLimit(limit).addAllFilters(ListFilters.parse(filters)).build()).getContainersList();
        Instant now = Instant.now();
        Map<String, ContainerSizes.Size> measured = size ? sizes.measure(found) : Map.of();
        return json(HttpStatus.OK, found.stream().map(c -> ContainerSizes.withSize(
                ContainerViews.summary(c, now), measured.get(c.getId()), "Ports")).toList());
    }

    @GetMapping("/containers/{id}/json")
    ResponseEntity<Map<String, Object>> inspect(@PathVariable String id,
                                                @RequestParam(defaultValue = "false") boolean size) {
        Container container = containers.getContainer(ref(id));
        Map<String, Object> view = ContainerViews.inspect(container);
        if (size) {
            view = ContainerSizes.withSize(view, sizes.measure(List.of(container)).get(container.getId()), "GraphDriver");
        }
        return json(HttpStatus.OK, view);
    }

    private static StopContainerRequest stopRequest(String id, Integer timeout, String signal) {
        StopContainerRequest.Builder request = StopContainerRequest.newBuilder().setRef(id).setSignal(signal);
        if (timeout != null) {
            request.setTimeoutSeconds(timeout);
        }
        return request.build();
    }

    private static ContainerRef ref(String id) {
        return ContainerRef.newBuilder().setRef(id).build();
    }

    private static <T> ResponseEntity<T> json(HttpStatus status, T body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}

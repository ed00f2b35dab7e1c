package dev.berth.gateway.verbs;

import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerVerbsGrpc;
import dev.berth.proto.v1.RenameContainerRequest;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** `docker pause`, `unpause`, `rename` and `update`: a thin translation to container-service's ContainerVerbs. */
@RestController
class ContainerVerbsController {

    private final ContainerVerbsGrpc.ContainerVerbsBlockingStub verbs;

    ContainerVerbsController(ContainerVerbsGrpc.ContainerVerbsBlockingStub verbs) {
        this.verbs = verbs;
    }

    @PostMapping("/containers/{id}/pause")
    ResponseEntity<Void> pause(@PathVariable String id) {
        verbs.pauseContainer(ContainerRef.newBuilder().setRef(id).build());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/containers/{id}/unpause")
    ResponseEntity<Void> unpause(@PathVariable String id) {
        verbs.unpauseContainer(ContainerRef.newBuilder().setRef(id).build());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/containers/{id}/rename")
    ResponseEntity<Void> rename(@PathVariable String id, @RequestParam(defaultValue = "") String name) {
        verbs.renameContainer(RenameContainerRequest.newBuilder().setRef(id).setName(name).build());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/containers/{id}/update")
    ResponseEntity<Map<String, Object>> update(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        verbs.updateContainer(UpdateRequestReader.read(id, body));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("Warnings", List.of()));
    }

    /** container-service's ContainerVerbs, on its channel. */
    @Configuration(proxyBeanMethods = false)
    static class Clients {

        @Bean
        ContainerVerbsGrpc.ContainerVerbsBlockingStub containerVerbs(ManagedChannel containerServiceChannel) {
            return ContainerVerbsGrpc.newBlockingStub(containerServiceChannel);
        }
    }
}

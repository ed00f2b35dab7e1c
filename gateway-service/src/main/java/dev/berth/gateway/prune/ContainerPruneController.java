package dev.berth.gateway.prune;

import dev.berth.common.time.ProtoTimes;
import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.RemoveContainerRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POST /containers/prune: removes the containers without a live process (created, exited, dead)
 * that match the {@code label}, {@code label!} and {@code until} filters. A container that
 * started or went away between the listing and its removal is skipped, as Docker skips it.
 * SpaceReclaimed is absent: Berth does not measure writable layers yet.
 */
@RestController
class ContainerPruneController {

    private static final Logger log = LoggerFactory.getLogger(ContainerPruneController.class);
    private static final Set<String> ACCEPTED = Set.of("label", "label!", "until");
    private static final Filter STOPPED = Filter.newBuilder().setKey("status")
            .addValues("created").addValues("exited").addValues("dead").build();

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;

    ContainerPruneController(ContainerServiceGrpc.ContainerServiceBlockingStub containers) {
        this.containers = containers;
    }

    @PostMapping("/containers/prune")
    ResponseEntity<Map<String, Object>> prune(@RequestParam(required = false) String filters) {
        List<Filter> labels = new ArrayList<>();
        List<String> until = new ArrayList<>();
        for (Filter filter : ListFilters.parse(filters)) {
            if (!ACCEPTED.contains(filter.getKey())) {
                throw DockerApiException.badRequest("invalid filter '" + filter.getKey() + "'");
            }
            if (filter.getKey().equals("until")) {
                until.addAll(filter.getValuesList());
            } else {
                labels.add(filter);
            }
        }
        Optional<Instant> createdBefore = PruneUntil.parse(until, Instant.now(), ZoneId.systemDefault());

        List<Container> stopped = containers.listContainers(ListContainersRequest.newBuilder().setAll(true)
                .addFilters(STOPPED).addAllFilters(labels).build()).getContainersList();
        List<String> deleted = new ArrayList<>();
        for (Container container : stopped) {
            if (createdBefore.isPresent() && !ProtoTimes.instant(container.getCreated()).isBefore(createdBefore.get())) {
                continue;
            }
            if (remove(container)) {
                deleted.add(container.getId());
            }
        }
        Map<String, Object> body = new HashMap<>();
        // Docker answers null, not [], when nothing was deleted.
        body.put("ContainersDeleted", deleted.isEmpty() ? null : deleted);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private boolean remove(Container container) {
        try {
            containers.removeContainer(RemoveContainerRequest.newBuilder().setRef(container.getId()).build());
            return true;
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND || code == Status.Code.FAILED_PRECONDITION) {
                log.info("prune skipped {}: {}", container.getId(), e.getStatus().getDescription());
                return false;
            }
            throw e;
        }
    }
}

package dev.berth.gateway.volume;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.CreateVolumeRequest;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.ListVolumesRequest;
import dev.berth.proto.v1.PruneVolumesRequest;
import dev.berth.proto.v1.RemoveVolumeRequest;
import dev.berth.proto.v1.VolumeRef;
import dev.berth.proto.v1.VolumeServiceGrpc;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** /volumes: local volumes, kept by container-service, their data on the node. */
@RestController
class VolumeController {

    private final VolumeServiceGrpc.VolumeServiceBlockingStub volumes;

    VolumeController(VolumeServiceGrpc.VolumeServiceBlockingStub volumes) {
        this.volumes = volumes;
    }

    @PostMapping("/volumes/create")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        JsonNode request = body == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : body;
        if (!request.isObject()) {
            throw DockerApiException.badRequest("invalid JSON: the body must be an object, not " + request.getNodeType());
        }
        for (String field : new String[] {"Name", "Driver"}) {
            if (!request.path(field).isMissingNode() && !request.path(field).isNull() && !request.path(field).isString()) {
                throw DockerApiException.badRequest("invalid JSON: " + field + " must be a string");
            }
        }
        String driver = request.path("Driver").asString("");
        if (!driver.isEmpty() && !driver.equals("local")) {
            throw DockerApiException.badRequest("Berth supports only the local volume driver, not --driver " + driver);
        }
        for (var option : request.path("DriverOpts").properties()) {
            throw DockerApiException.badRequest("Berth does not support --opt " + option.getKey() + " for volumes yet");
        }
        if (!request.path("ClusterVolumeSpec").isEmpty()) {
            throw DockerApiException.badRequest("Berth does not support cluster volumes");
        }
        CreateVolumeRequest.Builder create = CreateVolumeRequest.newBuilder().setName(request.path("Name").asString(""));
        request.path("Labels").properties().forEach(l -> create.putLabels(l.getKey(), l.getValue().asString("")));
        return ResponseEntity.status(HttpStatus.CREATED).body(VolumeViews.view(volumes.createVolume(create.build())));
    }

    @GetMapping("/volumes")
    Map<String, Object> list(@RequestParam(required = false) String filters) {
        VolumeFilter filter = new VolumeFilter(ListFilters.parse(filters));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Volumes", volumes.listVolumes(ListVolumesRequest.getDefaultInstance()).getVolumesList().stream()
                .filter(filter::matches).map(VolumeViews::view).toList());
        out.put("Warnings", null);
        return out;
    }

    @GetMapping("/volumes/{name}")
    Map<String, Object> inspect(@PathVariable String name) {
        return VolumeViews.view(volumes.getVolume(VolumeRef.newBuilder().setName(name).build()));
    }

    @DeleteMapping("/volumes/{name}")
    ResponseEntity<Void> remove(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        volumes.removeVolume(RemoveVolumeRequest.newBuilder().setName(name).setForce(force).build());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/volumes/prune")
    Map<String, Object> prune(@RequestParam(required = false) String filters) {
        PruneVolumesRequest.Builder request = PruneVolumesRequest.newBuilder();
        for (Filter filter : ListFilters.parse(filters)) {
            switch (filter.getKey()) {
                case "label" -> request.addAllLabels(filter.getValuesList());
                case "label!" -> request.addAllNotLabels(filter.getValuesList());
                case "all" -> request.setAll(filter.getValuesList().stream().anyMatch(v -> v.equals("true") || v.equals("1")));
                default -> throw DockerApiException.badRequest("invalid filter '" + filter.getKey() + "'");
            }
        }
        List<String> deleted = volumes.pruneVolumes(request.build()).getNamesList();
        Map<String, Object> body = new HashMap<>();
        // Docker answers null, not [], when nothing was deleted; the space freed is not measured.
        body.put("VolumesDeleted", deleted.isEmpty() ? null : deleted);
        return body;
    }
}

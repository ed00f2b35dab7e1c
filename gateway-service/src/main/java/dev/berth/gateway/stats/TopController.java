package dev.berth.gateway.stats;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.NodeTopRequest;
import dev.berth.proto.v1.ProcessList;
import dev.berth.proto.v1.ProcessRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** `docker top`: the container's processes, listed by its node's {@code ps}. */
@RestController
class TopController {

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;

    TopController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes) {
        this.containers = containers;
        this.nodes = nodes;
    }

    @GetMapping("/containers/{id}/top")
    ResponseEntity<Map<String, Object>> top(@PathVariable String id,
                                            @RequestParam(name = "ps_args", defaultValue = "") String psArgs) {
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
        if (!StatsController.hasProcess(container.getState().getStatus())) {
            throw new DockerApiException(HttpStatus.CONFLICT, "container " + container.getId() + " is not running");
        }
        ProcessList list = nodes.nodeStats(container.getNodeAddress()).withDeadlineAfter(1, TimeUnit.MINUTES)
                .listProcesses(NodeTopRequest.newBuilder().setContainerId(container.getId()).setPsArgs(psArgs).build());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Titles", list.getTitlesList());
        out.put("Processes", list.getProcessesList().stream().map(ProcessRow::getFieldsList).map(List::copyOf).toList());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
    }
}

package dev.berth.gateway.exec;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.stream.ExecEvents;
import dev.berth.proto.v1.CreateExecRequest;
import dev.berth.proto.v1.ExecRoute;
import dev.berth.proto.v1.ExecRouterGrpc;
import dev.berth.proto.v1.NodeExecGrpc;
import dev.berth.proto.v1.NodeExecRef;
import dev.berth.proto.v1.NodeExecResize;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * `docker exec` without the stream: create, inspect, resize and a detached start. The attached
 * start (a hijacked connection) is {@code stream.ExecAttachController}.
 */
@RestController
class ExecController {

    private final ExecRouterGrpc.ExecRouterBlockingStub router;
    private final ExecRoutes routes;
    private final NodeChannels nodes;
    private final ExecEvents events;

    ExecController(ExecRouterGrpc.ExecRouterBlockingStub router, ExecRoutes routes, NodeChannels nodes,
                   ExecEvents events) {
        this.router = router;
        this.routes = routes;
        this.nodes = nodes;
        this.events = events;
    }

    @PostMapping("/containers/{id}/exec")
    ResponseEntity<Map<String, Object>> create(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        ExecRoute route = router.createExec(CreateExecRequest.newBuilder().setContainerRef(id)
                .setConfig(ExecCreateReader.read(body)).build());
        routes.remember(route);
        events.created(route);
        return json(HttpStatus.CREATED, Map.of("Id", route.getExecId()));
    }

    @GetMapping("/exec/{id}/json")
    ResponseEntity<Map<String, Object>> inspect(@PathVariable String id) {
        return json(HttpStatus.OK, ExecViews.inspect(node(id).inspectExec(ref(id))));
    }

    @PostMapping("/exec/{id}/resize")
    ResponseEntity<Void> resize(@PathVariable String id, @RequestParam(defaultValue = "0") int h,
                                @RequestParam(defaultValue = "0") int w) {
        node(id).resizeExec(NodeExecResize.newBuilder().setExecId(id).setRows(h).setCols(w).build());
        return ResponseEntity.ok().build();
    }

    private NodeExecGrpc.NodeExecBlockingStub node(String execId) {
        return nodes.nodeExec(routes.find(execId).getNodeAddress());
    }

    private static NodeExecRef ref(String id) {
        return NodeExecRef.newBuilder().setExecId(id).build();
    }

    private static <T> ResponseEntity<T> json(HttpStatus status, T body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}

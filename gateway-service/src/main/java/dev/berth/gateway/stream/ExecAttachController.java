package dev.berth.gateway.stream;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.exec.ExecRoutes;
import dev.berth.proto.v1.AttachOpen;
import dev.berth.proto.v1.ExecConfig;
import dev.berth.proto.v1.ExecRoute;
import dev.berth.proto.v1.NodeExecRef;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * POST /exec/{id}/start on a hijacked connection: the node starts the exec when its attach stream
 * opens, with this stream attached from the first byte; a start the runtime refuses is an error
 * answer instead of the 101. The stream ends once the exec's exit is recorded, so the CLI's
 * inspect that follows has the exit code.
 */
@RestController
class ExecAttachController {

    private final ExecRoutes routes;
    private final NodeChannels nodes;
    private final SimpleAsyncTaskExecutor threads;
    private final ActiveStreams active;
    private final ExecEvents events;

    ExecAttachController(ExecRoutes routes, NodeChannels nodes,
                         SimpleAsyncTaskExecutor streamExecutor, ActiveStreams active, ExecEvents events) {
        this.routes = routes;
        this.nodes = nodes;
        this.threads = streamExecutor;
        this.active = active;
        this.events = events;
    }

    @PostMapping(path = "/exec/{id}/start", headers = "Upgrade=tcp")
    void start(@PathVariable String id, @RequestBody(required = false) JsonNode body,
               HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        ExecRoute route = routes.find(id);
        if (body != null && body.path("Detach").asBoolean(false)) {
            events.started(route);
            nodes.nodeExec(route.getNodeAddress()).startExecDetached(NodeExecRef.newBuilder().setExecId(id).build());
            events.watchDetached(route);
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        ExecConfig config = route.getConfig();
        AttachOpen open = AttachOpen.newBuilder()
                .setContainerId(route.getContainerId())
                .setExecId(id)
                .setStdin(config.getAttachStdin())
                .setStdout(config.getAttachStdout())
                .setStderr(config.getAttachStderr())
                .setStream(true)
                .build();
        // An exec's stdin ends with its client's input, as in Docker.
        AttachSession session = AttachSession.open(nodes.node(route.getNodeAddress()), open, config.getTty(), true, null);
        events.started(route);
        JsonNode size = body == null ? null : body.path("ConsoleSize");
        if (config.getTty() && size != null && size.isArray() && size.size() == 2 && size.get(0).asInt(0) > 0) {
            session.resize(size.get(0).asInt(0), size.get(1).asInt(0));
        }
        TomcatSocketHijack hijack = request.upgrade(TomcatSocketHijack.class);
        hijack.onOpen(socket -> {
            active.attaches().incrementAndGet();
            threads.execute(() -> {
                try {
                    session.pumpOutput(socket);
                    events.ended(route);
                } finally {
                    active.attaches().decrementAndGet();
                }
            });
            if (session.wantsInput()) {
                threads.execute(() -> session.pumpInput(socket));
            }
        });
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader(HttpHeaders.CONNECTION, "Upgrade");
        response.setHeader(HttpHeaders.UPGRADE, "tcp");
    }
}

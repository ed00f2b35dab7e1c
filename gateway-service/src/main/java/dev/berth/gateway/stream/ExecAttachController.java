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
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
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
        if (detached(body)) {
            startDetached(id, route);
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        AttachSession session = openSession(id, route, body, route.getConfig().getAttachStdin());
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

    /**
     * Without an upgrade (docker-java, Testcontainers' execInContainer): a detached start, or the
     * output as a plain streamed answer that ends once the exit is recorded. There is no way to
     * read stdin on such a connection, so the exec's stdin is closed from the start.
     */
    @PostMapping(path = "/exec/{id}/start", headers = "!Upgrade")
    ResponseEntity<StreamingResponseBody> startPlain(@PathVariable String id, @RequestBody(required = false) JsonNode body,
                                                     HttpServletResponse response) {
        ExecRoute route = routes.find(id);
        if (detached(body)) {
            startDetached(id, route);
            return ResponseEntity.ok().build();
        }
        AttachSession session = openSession(id, route, body, false);
        StreamingResponseBody stream = out -> {
            active.attaches().incrementAndGet();
            try {
                response.flushBuffer();
                session.pumpOutput(new ResponseSocket(out, response));
                events.ended(route);
            } finally {
                active.attaches().decrementAndGet();
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, StreamFrames.contentType(route.getConfig().getTty()))
                .body(stream);
    }

    private static boolean detached(JsonNode body) {
        return body != null && body.path("Detach").asBoolean(false);
    }

    private void startDetached(String id, ExecRoute route) {
        events.started(route);
        nodes.nodeExec(route.getNodeAddress()).startExecDetached(NodeExecRef.newBuilder().setExecId(id).build());
        events.watchDetached(route);
    }

    /** Opens the node's attach stream, which starts the exec. */
    private AttachSession openSession(String id, ExecRoute route, JsonNode body, boolean stdin) {
        ExecConfig config = route.getConfig();
        AttachOpen open = AttachOpen.newBuilder()
                .setContainerId(route.getContainerId())
                .setExecId(id)
                .setStdin(stdin)
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
        return session;
    }
}

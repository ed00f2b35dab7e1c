package dev.berth.gateway.stream;

import dev.berth.gateway.api.DockerApiException;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.events.GatewayEvents;
import dev.berth.proto.v1.AttachOpen;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.util.Map;

/**
 * POST /containers/{id}/attach. The node's attach stream is open (and `ready`) before the client
 * gets its 101, so output produced once the CLI sends start cannot be missed.
 */
@RestController
class AttachController {

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;
    private final SimpleAsyncTaskExecutor threads;
    private final ActiveStreams active;
    private final AttachRegistry registry;
    private final GatewayEvents events;

    AttachController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes,
                     SimpleAsyncTaskExecutor streamExecutor, ActiveStreams active, AttachRegistry registry,
                     GatewayEvents events) {
        this.events = events;
        this.containers = containers;
        this.nodes = nodes;
        this.threads = streamExecutor;
        this.active = active;
        this.registry = registry;
    }

    @PostMapping(path = "/containers/{id}/attach", headers = "Upgrade=tcp")
    void attachUpgraded(@PathVariable String id, @RequestParam(defaultValue = "false") boolean stream,
                        @RequestParam(defaultValue = "false") boolean stdin,
                        @RequestParam(defaultValue = "false") boolean stdout,
                        @RequestParam(defaultValue = "false") boolean stderr,
                        @RequestParam(defaultValue = "false") boolean logs,
                        @RequestParam(defaultValue = "") String detachKeys,
                        HttpServletRequest request,
                        HttpServletResponse response) throws IOException, ServletException {
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
        // As in Docker, the daemon watches for the keys on a TTY only; other input passes untouched.
        DetachKeys parsed = DetachKeys.parse(detachKeys);
        DetachKeys keys = container.getConfig().getTty() ? parsed : null;
        AttachSession session = open(container, new AttachOptions(stream, stdin, stdout, stderr, logs), keys);
        TomcatSocketHijack hijack = request.upgrade(TomcatSocketHijack.class);
        hijack.onOpen(socket -> {
            active.attaches().incrementAndGet();
            threads.execute(() -> {
                try {
                    session.pumpOutput(socket);
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

    /** Old clients attach without upgrading: output only, as a plain streamed response. */
    @PostMapping("/containers/{id}/attach")
    ResponseEntity<StreamingResponseBody> attachPlain(@PathVariable String id,
                                                      @RequestParam(defaultValue = "false") boolean stream,
                                                      @RequestParam(defaultValue = "false") boolean stdin,
                                                      @RequestParam(defaultValue = "false") boolean stdout,
                                                      @RequestParam(defaultValue = "false") boolean stderr,
                                                      @RequestParam(defaultValue = "false") boolean logs,
                                                                                                            HttpServletResponse response) {
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
        // Without an upgraded connection there is no way to read stdin.
        AttachSession session = open(container, new AttachOptions(stream, false, stdout, stderr, logs), null);
        StreamingResponseBody body = out -> {
            active.attaches().incrementAndGet();
            try {
                response.flushBuffer();
                session.pumpOutput(new ResponseSocket(out, response));
            } finally {
                active.attaches().decrementAndGet();
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, StreamFrames.contentType(container.getConfig().getTty()))
                .body(body);
    }

    private AttachSession open(Container container, AttachOptions options, DetachKeys detachKeys) {
        if (container.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_PAUSED) {
            throw new DockerApiException(HttpStatus.CONFLICT,
                    "container " + container.getName() + " is paused, unpause the container before attach");
        }
        AttachOpen open = AttachOpen.newBuilder()
                .setContainerId(container.getId())
                .setStdin(options.stdin())
                .setStdout(options.stdout())
                .setStderr(options.stderr())
                .setLogs(options.logs())
                .setStream(options.stream())
                .build();
        AttachSession session = AttachSession.open(nodes.node(container.getNodeAddress()), open,
                container.getConfig().getTty(), container.getConfig().getStdinOnce(), detachKeys);
        registry.add(container.getId(), session);
        events.container(container.getId(), "attach", Map.of());
        return session;
    }

    /** The CLI resizes a TTY container's terminal after start and on every SIGWINCH. */
    @PostMapping("/containers/{id}/resize")
    ResponseEntity<Void> resize(@PathVariable String id, @RequestParam(defaultValue = "0") int h,
                                @RequestParam(defaultValue = "0") int w) {
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
        registry.resize(container.getId(), h, w);
        events.container(container.getId(), "resize", Map.of("height", Integer.toString(h), "width", Integer.toString(w)));
        return ResponseEntity.ok().build();
    }

    /** What the client asked to attach to. */
    private record AttachOptions(boolean stream, boolean stdin, boolean stdout, boolean stderr, boolean logs) {
    }
}

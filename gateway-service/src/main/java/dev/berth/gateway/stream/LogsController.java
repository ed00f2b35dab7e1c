package dev.berth.gateway.stream;

import dev.berth.common.time.ProtoTimes;
import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.LogEntry;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.ReadLogsRequest;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;

/** GET /containers/{id}/logs, read from the node that runs the container. */
@RestController
class LogsController {

    private static final Logger log = LoggerFactory.getLogger(LogsController.class);

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;
    private final ActiveStreams active;

    LogsController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes,
                   ActiveStreams active) {
        this.containers = containers;
        this.nodes = nodes;
        this.active = active;
    }

    @GetMapping("/containers/{id}/logs")
    ResponseEntity<StreamingResponseBody> logs(@PathVariable String id,
                                               @RequestParam(defaultValue = "false") boolean stdout,
                                               @RequestParam(defaultValue = "false") boolean stderr,
                                               @RequestParam(defaultValue = "false") boolean follow,
                                               @RequestParam(defaultValue = "false") boolean timestamps,
                                               @RequestParam(defaultValue = "all") String tail,
                                               @RequestParam(defaultValue = "") String since,
                                               @RequestParam(defaultValue = "") String until,
                                               HttpServletResponse response) {
        if (!stdout && !stderr) {
            throw DockerApiException.badRequest("you must choose at least one stream");
        }
        Instant now = Instant.now();
        ReadLogsRequest.Builder request = ReadLogsRequest.newBuilder()
                .setStdout(stdout).setStderr(stderr).setFollow(follow).setTail(tailLines(tail));
        LogTimes.parse("since", since, now).ifPresent(request::setSince);
        LogTimes.parse("until", until, now).ifPresent(request::setUntil);
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
        request.setContainerId(container.getId());
        boolean tty = container.getConfig().getTty();
        NodeAgentGrpc.NodeAgentBlockingStub node = nodes.nodeBlocking(container.getNodeAddress());

        StreamingResponseBody body = out -> {
            active.logs().incrementAndGet();
            Context.CancellableContext call = Context.current().withCancellation();
            try {
                response.flushBuffer();
                call.run(() -> copy(node.readLogs(request.build()), out, response, tty, timestamps));
            } finally {
                call.cancel(null);
                active.logs().decrementAndGet();
            }
        };
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, StreamFrames.contentType(tty)).body(body);
    }

    private static void copy(Iterator<LogEntry> entries, OutputStream out, HttpServletResponse response,
                             boolean tty, boolean timestamps) {
        try {
            while (entries.hasNext()) {
                LogEntry entry = entries.next();
                byte[] data = entry.getData().toByteArray();
                if (timestamps) {
                    data = withTimestamp(entry, data);
                }
                out.write(StreamFrames.encode(tty, entry.getStream(), data));
                response.flushBuffer();
            }
        } catch (IOException e) {
            log.debug("log client went away: {}", e.toString());
        } catch (StatusRuntimeException e) {
            log.debug("node log stream failed: {}", e.getStatus());
        }
    }

    private static byte[] withTimestamp(LogEntry entry, byte[] data) {
        byte[] prefix = (DockerTime.rfc3339Nano(ProtoTimes.instant(entry.getTime())) + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[prefix.length + data.length];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(data, 0, line, prefix.length, data.length);
        return line;
    }

    static int tailLines(String tail) {
        try {
            return tail.equals("all") ? -1 : Integer.parseInt(tail.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dev.berth.gateway.archive;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.events.GatewayEvents;
import dev.berth.proto.v1.ArchiveChunk;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.FileChange;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A container's filesystem as a whole, answered by its node: docker diff
 * (GET /containers/{id}/changes) and docker export (GET /containers/{id}/export, a tar streamed
 * in chunks, never whole in memory).
 */
@RestController
class FilesystemController {

    private static final Logger log = LoggerFactory.getLogger(FilesystemController.class);
    private static final MediaType TAR = MediaType.parseMediaType("application/x-tar");

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;
    private final GatewayEvents events;

    FilesystemController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes,
            GatewayEvents events) {
        this.containers = containers;
        this.nodes = nodes;
        this.events = events;
    }

    /** Docker answers null, not [], for a container without changes. */
    @GetMapping(path = "/containers/{id}/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> changes(@PathVariable String id) {
        Container container = container(id);
        List<FileChange> changes = nodes.nodeArchiveBlocking(container.getNodeAddress())
                .listChanges(request(container, id)).getChangesList();
        if (changes.isEmpty()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("null");
        }
        return ResponseEntity.ok().body(changes.stream().map(change -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("Path", change.getPath());
            line.put("Kind", change.getKind());
            return line;
        }).toList());
    }

    @GetMapping("/containers/{id}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String id) {
        Container container = container(id);
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        Iterator<ArchiveChunk> chunks;
        try {
            chunks = nodes.nodeArchiveBlocking(container.getNodeAddress()).exportFilesystem(request(container, id));
            // an unknown container on the node fails the first read, before the answer starts
            chunks.hasNext();
        } catch (RuntimeException e) {
            call.cancel(e);
            throw e;
        } finally {
            call.detach(previous);
        }
        events.container(container.getId(), "export", Map.of());
        StreamingResponseBody body = out -> {
            try {
                while (chunks.hasNext()) {
                    chunks.next().getData().writeTo(out);
                }
                out.flush();
            } catch (StatusRuntimeException e) {
                throw new IOException("the node's export ended early: " + e.getStatus(), e);
            } catch (IOException e) {
                log.debug("export client went away: {}", e.toString());
            } finally {
                call.cancel(null);
            }
        };
        return ResponseEntity.ok().contentType(TAR).body(body);
    }

    private Container container(String id) {
        return containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
    }

    private static ArchivePathRequest request(Container container, String ref) {
        return ArchivePathRequest.newBuilder().setContainerId(container.getId()).setContainerRef(ref).build();
    }
}

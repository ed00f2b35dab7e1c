package dev.berth.gateway.archive;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.events.GatewayEvents;
import dev.berth.gateway.image.StreamedUpload;
import dev.berth.proto.v1.ArchiveChunk;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.PathStat;
import dev.berth.proto.v1.PutArchiveHeader;
import dev.berth.proto.v1.PutArchiveRequest;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code docker cp}: HEAD, GET and PUT /containers/{id}/archive, answered by the node that holds
 * the container. Tars pass through in chunks both ways, never whole in memory.
 */
@RestController
class ArchiveController {

    private static final Logger log = LoggerFactory.getLogger(ArchiveController.class);
    private static final String PATH = "/containers/{id}/archive";
    private static final MediaType TAR = MediaType.parseMediaType("application/x-tar");

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;
    private final GatewayEvents events;

    ArchiveController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes,
                      GatewayEvents events) {
        this.containers = containers;
        this.nodes = nodes;
        this.events = events;
    }

    @RequestMapping(path = PATH, method = RequestMethod.HEAD)
    ResponseEntity<Void> stat(@PathVariable String id, @RequestParam(defaultValue = "") String path) {
        requirePath(path);
        Container container = container(id);
        PathStat stat = nodes.nodeArchiveBlocking(container.getNodeAddress()).statPath(request(container, id, path));
        return ResponseEntity.ok().header(PathStatHeader.NAME, PathStatHeader.encode(stat)).build();
    }

    @GetMapping(PATH)
    ResponseEntity<StreamingResponseBody> get(@PathVariable String id, @RequestParam(defaultValue = "") String path) {
        requirePath(path);
        Container container = container(id);
        Context.CancellableContext call = Context.current().withCancellation();
        Iterator<ArchiveChunk> chunks;
        PathStat stat;
        Context previous = call.attach();
        try {
            chunks = nodes.nodeArchiveBlocking(container.getNodeAddress()).getArchive(request(container, id, path));
            // the node's refusal (no such file) comes with the first message, before any status is sent
            ArchiveChunk first = chunks.next();
            if (!first.hasStat()) {
                throw new IllegalStateException("the node sent an archive without its stat");
            }
            stat = first.getStat();
            events.container(container.getId(), "archive-path", Map.of()); // Docker's, once the tar is ready
        } catch (RuntimeException e) {
            call.cancel(e);
            throw e;
        } finally {
            call.detach(previous);
        }
        StreamingResponseBody body = out -> {
            try {
                copy(chunks, out);
            } catch (ClientGone e) {
                log.debug("archive client went away: {}", e.getCause().toString());
            } finally {
                call.cancel(null);
            }
        };
        return ResponseEntity.ok().contentType(TAR).header(PathStatHeader.NAME, PathStatHeader.encode(stat)).body(body);
    }

    @PutMapping(PATH)
    ResponseEntity<Void> put(@PathVariable String id, @RequestParam(defaultValue = "") String path,
                             @RequestParam(required = false) String noOverwriteDirNonDir,
                             @RequestParam(required = false) String copyUIDGID,
                             HttpServletRequest http) throws IOException, InterruptedException {
        requirePath(path);
        Container container = container(id);
        if (container.getHostConfig().getReadonlyRootfs()) {
            throw DockerApiException.badRequest("container rootfs is marked read-only");
        }
        PutArchiveHeader header = PutArchiveHeader.newBuilder()
                .setContainerId(container.getId()).setContainerRef(id).setPath(path)
                .setNoOverwriteDirNonDir(QueryFlag.isSet(noOverwriteDirNonDir))
                .setCopyUidGid(QueryFlag.isSet(copyUIDGID))
                .setUser(container.getConfig().getUser())
                .build();
        StreamedUpload.upload(nodes.nodeArchive(container.getNodeAddress())::putArchive,
                PutArchiveRequest.newBuilder().setHeader(header).build(),
                data -> PutArchiveRequest.newBuilder().setData(data).build(),
                http.getInputStream(), "archive upload");
        events.container(container.getId(), "extract-to-dir", Map.of());
        return ResponseEntity.ok().build();
    }

    /**
     * The tar's chunks to the client. A node failure midway is too late for an error status: the
     * response is aborted (an exception), so that the client sees a cut tar, never a short one.
     */
    private static void copy(Iterator<ArchiveChunk> chunks, OutputStream out) throws IOException {
        try {
            while (chunks.hasNext()) {
                write(chunks.next(), out);
            }
            out.flush();
        } catch (StatusRuntimeException e) {
            throw new IOException("the node's archive ended early: " + e.getStatus(), e);
        }
    }

    private static void write(ArchiveChunk chunk, OutputStream out) throws ClientGone {
        try {
            chunk.getData().writeTo(out);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The HTTP client stopped reading (docker cp ... - | head): not the engine's failure. */
    private static final class ClientGone extends IOException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    private Container container(String id) {
        return containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
    }

    private static ArchivePathRequest request(Container container, String ref, String path) {
        return ArchivePathRequest.newBuilder().setContainerId(container.getId()).setContainerRef(ref).setPath(path).build();
    }

    private static void requirePath(String path) {
        if (path.isEmpty()) {
            throw DockerApiException.badRequest("bad parameter: path cannot be empty");
        }
    }
}

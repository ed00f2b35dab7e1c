package dev.berth.node.api;

import com.google.protobuf.Empty;
import dev.berth.common.error.BerthException;
import dev.berth.common.time.ProtoTimes;
import dev.berth.node.archive.ArchiveStat;
import dev.berth.node.archive.ContainerRoot;
import dev.berth.node.archive.ContainerRoots;
import dev.berth.node.archive.TarWriter;
import dev.berth.node.changes.Change;
import dev.berth.node.changes.ContainerChanges;
import dev.berth.node.config.NodeProperties;
import dev.berth.node.nativ.Trees;
import dev.berth.proto.v1.ArchiveChunk;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.ChangeList;
import dev.berth.proto.v1.FileChange;
import dev.berth.proto.v1.NodeArchiveGrpc;
import dev.berth.proto.v1.PathStat;
import dev.berth.proto.v1.PutArchiveRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The NodeArchive gRPC service (`docker cp`, diff, export). The container's lock is held for the
 * short steps only (stat, extraction point check, the extraction of a spooled upload, listing the
 * changes); an archive is read without it, on a thread of its own at the client's pace, as a
 * removal meanwhile only ends it with an error.
 */
@Service
class NodeArchiveGrpcService extends NodeArchiveGrpc.NodeArchiveImplBase {

    private static final Logger log = LoggerFactory.getLogger(NodeArchiveGrpcService.class);

    private final ContainerRoots roots;
    private final ContainerChanges changes;
    private final Path spoolDir;
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "archive-io");
        thread.setDaemon(true);
        return thread;
    });

    NodeArchiveGrpcService(ContainerRoots roots, ContainerChanges changes, NodeProperties properties) {
        this.roots = roots;
        this.changes = changes;
        this.spoolDir = properties.root().resolve("archive-uploads");
        try {
            Trees.deleteRecursively(spoolDir); // uploads cut short by the agent's last stop
        } catch (IOException e) {
            log.warn("cannot clear {}: {}", spoolDir, e.getMessage());
        }
    }

    @Override
    public void statPath(ArchivePathRequest request, StreamObserver<PathStat> responses) {
        PathStat stat;
        try {
            stat = proto(stat(request));
        } catch (IOException | RuntimeException e) {
            responses.onError(ArchiveErrors.toStatus(e, request.getPath(), ref(request)));
            return;
        }
        responses.onNext(stat);
        responses.onCompleted();
    }

    @Override
    public void getArchive(ArchivePathRequest request, StreamObserver<ArchiveChunk> responses) {
        ServerCallStreamObserver<ArchiveChunk> call = (ServerCallStreamObserver<ArchiveChunk>) responses;
        ArchiveChunkStream chunks = new ArchiveChunkStream(call);
        Located found;
        try {
            found = located(request);
        } catch (IOException | RuntimeException e) {
            call.onError(ArchiveErrors.toStatus(e, request.getPath(), ref(request)));
            return;
        }
        io.execute(() -> {
            try {
                call.onNext(ArchiveChunk.newBuilder().setStat(proto(found.stat())).build());
                new TarWriter(chunks, found.root().kernelFilesystems()).write(found.stat().hostPath(), found.stat().name());
                call.onCompleted();
            } catch (IOException | RuntimeException e) {
                if (!chunks.cancelled()) {
                    call.onError(ArchiveErrors.toStatus(e, request.getPath(), ref(request)));
                }
            }
        });
    }

    @Override
    public StreamObserver<PutArchiveRequest> putArchive(StreamObserver<Empty> responses) {
        return new PutArchiveSession(responses, roots, spoolDir, io);
    }

    @Override
    public void listChanges(ArchivePathRequest request, StreamObserver<ChangeList> responses) {
        ChangeList.Builder list = ChangeList.newBuilder();
        try {
            for (Change change : changes.list(request.getContainerId())) {
                list.addChanges(FileChange.newBuilder().setPath(change.path()).setKind(change.kind().code()));
            }
        } catch (IOException | RuntimeException e) {
            responses.onError(ArchiveErrors.forContainer(e, ref(request)));
            return;
        }
        responses.onNext(list.build());
        responses.onCompleted();
    }

    @Override
    public void exportChanges(ArchivePathRequest request, StreamObserver<ArchiveChunk> responses) {
        streamTar(request, responses, out -> changes.exportChanges(request.getContainerId(), out));
    }

    @Override
    public void exportFilesystem(ArchivePathRequest request, StreamObserver<ArchiveChunk> responses) {
        streamTar(request, responses, out -> changes.exportFilesystem(request.getContainerId(), out));
    }

    /** A tar written into an OutputStream. */
    private interface TarJob {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Sends what {@code job} writes as data chunks, from a thread of its own. */
    private void streamTar(ArchivePathRequest request, StreamObserver<ArchiveChunk> responses, TarJob job) {
        ServerCallStreamObserver<ArchiveChunk> call = (ServerCallStreamObserver<ArchiveChunk>) responses;
        ArchiveChunkStream chunks = new ArchiveChunkStream(call);
        io.execute(() -> {
            try {
                job.writeTo(chunks);
                call.onCompleted();
            } catch (IOException | RuntimeException e) {
                if (!chunks.cancelled()) {
                    call.onError(ArchiveErrors.forContainer(e, ref(request)));
                }
            }
        });
    }

    /** A path's stat and the root it was found in. */
    private record Located(ArchiveStat stat, ContainerRoot root) {
    }

    private Located located(ArchivePathRequest request) throws IOException {
        if (request.getPath().isEmpty()) {
            throw BerthException.invalid("bad parameter: path cannot be empty");
        }
        return roots.locked(request.getContainerId(),
                (container, root) -> new Located(ArchiveStat.of(root.paths(), request.getPath()), root));
    }

    private ArchiveStat stat(ArchivePathRequest request) throws IOException {
        return located(request).stat();
    }

    private static PathStat proto(ArchiveStat stat) {
        return PathStat.newBuilder().setName(stat.name()).setSize(stat.size()).setMode(stat.mode())
                .setMtime(ProtoTimes.timestamp(stat.mtime())).setLinkTarget(stat.linkTarget()).setUid(stat.uid()).setGid(stat.gid()).build();
    }

    private static String ref(ArchivePathRequest request) {
        return request.getContainerRef().isEmpty() ? request.getContainerId() : request.getContainerRef();
    }

    @PreDestroy
    void close() {
        io.shutdownNow();
    }
}

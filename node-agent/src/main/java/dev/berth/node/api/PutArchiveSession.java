package dev.berth.node.api;

import com.google.protobuf.Empty;
import dev.berth.common.compress.Decompression;
import dev.berth.common.error.BerthException;
import dev.berth.node.archive.ContainerRoots;
import dev.berth.node.archive.ExtractionPoint;
import dev.berth.node.archive.TarExtractor;
import dev.berth.node.spec.UserResolver;
import dev.berth.proto.v1.PutArchiveHeader;
import dev.berth.proto.v1.PutArchiveRequest;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * One PutArchive call. The header is checked at once (container, extraction point) so that a bad
 * request fails before its body is sent. The tar is then spooled to a file of the node while it
 * arrives, with no lock held, and extracted only once complete, under the container's lock: the
 * extraction cannot race a removal of the container (or a restart remounting its rootfs), and
 * the lock is held for a local disk copy, never for as long as a slow client takes to upload.
 */
final class PutArchiveSession implements StreamObserver<PutArchiveRequest> {

    private final StreamObserver<Empty> responses;
    private final ContainerRoots roots;
    private final Path spoolDir;
    private final Executor extractors;
    private PutArchiveHeader header;
    private Path spool;
    private OutputStream spooled;
    private boolean failed;

    PutArchiveSession(StreamObserver<Empty> responses, ContainerRoots roots, Path spoolDir, Executor extractors) {
        this.responses = responses;
        this.roots = roots;
        this.spoolDir = spoolDir;
        this.extractors = extractors;
    }

    @Override
    public void onNext(PutArchiveRequest request) {
        if (failed) {
            return;
        }
        try {
            if (header == null) {
                start(request);
            } else if (request.hasHeader()) {
                throw BerthException.invalid("a second archive header");
            } else {
                request.getData().writeTo(spooled);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void start(PutArchiveRequest request) throws IOException {
        if (!request.hasHeader()) {
            throw BerthException.invalid("the first message of an archive upload must be its header");
        }
        header = request.getHeader();
        if (header.getPath().isEmpty()) {
            throw BerthException.invalid("bad parameter: path cannot be empty");
        }
        roots.locked(header.getContainerId(), (container, root) -> ExtractionPoint.resolve(root.paths(), header.getPath()));
        Files.createDirectories(spoolDir);
        spool = spoolDir.resolve(UUID.randomUUID() + ".tar");
        spooled = Files.newOutputStream(spool);
    }

    @Override
    public void onError(Throwable t) {
        failed = true; // the client cancelled: nothing is extracted
        discardSpool();
    }

    @Override
    public void onCompleted() {
        if (failed) {
            return;
        }
        if (header == null) {
            fail(BerthException.invalid("an archive upload without a header"));
            return;
        }
        try {
            spooled.close();
        } catch (IOException e) {
            fail(e);
            return;
        }
        extractors.execute(() -> {
            try {
                extract();
                responses.onNext(Empty.getDefaultInstance());
                responses.onCompleted();
            } catch (IOException | RuntimeException e) {
                responses.onError(ArchiveErrors.toStatus(e, header.getPath(), ref()));
            } finally {
                discardSpool();
            }
        });
    }

    private void extract() throws IOException {
        roots.locked(header.getContainerId(), (container, root) -> {
            String destination = ExtractionPoint.resolve(root.paths(), header.getPath());
            TarExtractor.Options options = TarExtractor.Options.keepOwners(header.getNoOverwriteDirNonDir());
            if (header.getCopyUidGid() && !header.getUser().isEmpty()) {
                // Docker: the container's user owns all; a container without a user keeps the tar's ids
                UserResolver.ResolvedUser user = new UserResolver(container.rootfs()).resolve(header.getUser());
                options = new TarExtractor.Options(header.getNoOverwriteDirNonDir(), user.uid(), user.gid());
            }
            try (InputStream tar = Decompression.decompressed(Files.newInputStream(spool))) {
                new TarExtractor(root.paths(), destination, options).extract(tar);
            }
            return null;
        });
    }

    private void fail(Throwable e) {
        failed = true;
        discardSpool();
        String path = header == null ? "" : header.getPath();
        responses.onError(ArchiveErrors.toStatus(e, path, ref()));
    }

    private String ref() {
        if (header == null) {
            return "";
        }
        return header.getContainerRef().isEmpty() ? header.getContainerId() : header.getContainerRef();
    }

    private void discardSpool() {
        try {
            if (spooled != null) {
                spooled.close();
            }
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            // a leftover spool file is only wasted space: the next upload uses another name
        }
    }
}

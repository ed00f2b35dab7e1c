package dev.berth.gateway.build;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.build.copy.CopyTar;
import dev.berth.gateway.build.context.ContextPaths;
import dev.berth.gateway.image.StreamedUpload;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.PathStat;
import dev.berth.proto.v1.PutArchiveHeader;
import dev.berth.proto.v1.PutArchiveRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * COPY and ADD: the sources (from the context, another stage or image, an archive ADD unpacks, a
 * URL ADD fetches) written as one tar, put into a container of the stage's image at "/" and the
 * container's layer committed, as Docker's copy into the step's container does (directories the
 * image has keep their owners and modes). On scratch, with no image to make a container of, the
 * tar is the layer itself.
 */
@Component
class CopySteps {

    private static final ExecutorService LAYER_WRITERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "build-layer-writer");
        thread.setDaemon(true);
        return thread;
    });

    private static final long DIRECTORY_BIT = 1L << 31;

    private final StepContainers containers;
    private final StepImages images;
    private final NodeChannels nodes;
    private final BaseImages bases;
    private final UrlSources urls;

    CopySteps(StepContainers containers, StepImages images, NodeChannels nodes, BaseImages bases, UrlSources urls) {
        this.containers = containers;
        this.images = images;
        this.nodes = nodes;
        this.bases = bases;
        this.urls = urls;
    }

    /** An expanded COPY or ADD. */
    record CopySpec(String keyword, List<String> sources, String dest, Optional<String> from, Optional<String> chown,
                    Optional<String> chmod) {
        boolean add() {
            return keyword.equals("ADD");
        }
    }

    void run(CopySpec spec, StageState state, BuildRun run) throws IOException, InterruptedException {
        String dest = state.absolute(spec.dest());
        Ownership owner = Ownership.of(spec.chown(), spec.chmod());
        if (owner.named() != null && state.layers == 0) {
            throw new BuildFailure("unable to convert uid/gid chown string to host mapping: can't find uid for user "
                    + owner.named() + ": no such user: no files in the image to look the name up in");
        }
        try (CopySources sources = sources(spec, run)) {
            if (sources.count() > 1 && !dest.endsWith("/")) {
                throw new BuildFailure("When using " + spec.keyword()
                        + " with more than one source file, the destination must be a directory and end with a /");
            }
            boolean ambiguous = sources.count() == 1 && !sources.singleIsDirectory() && !dest.endsWith("/");
            // the cache is probed with the digest alone: a hit writes no tar at all
            CopyTar probe = CopyTar.digestOnly(owner.overrides(), run.context::knownDigest);
            sources.write(probe, dest, dest.endsWith("/"));
            String createdBy = String.join(" ", state.shell()) + " #(nop) " + spec.keyword()
                    + spec.chown().map(c -> " --chown=" + c).orElse("") + spec.chmod().map(m -> " --chmod=" + m).orElse("")
                    + " " + sources.kind() + ":" + probe.digest().substring(7) + " in " + dest + " ";
            String cacheKey = CacheKeys.of(createdBy);
            if (usedCache(state, run, cacheKey)) {
                return;
            }
            try (CopyTar tar = new CopyTar(run.spoolDir(), owner.overrides())) {
                if (state.layers == 0 || owner.named() != null) {
                    sources.write(tar, dest, dest.endsWith("/"));
                }
                if (state.layers == 0) {
                    try (InputStream layer = tar.open()) {
                        state.imageId = images.commitLayer(state.imageId, state.config.build(), state.author, createdBy,
                                cacheKey, layer);
                    }
                } else {
                    String layered = owner.named() == null
                            ? asLayer(state, run, sources, dest, ambiguous, owner, createdBy, cacheKey) : null;
                    if (layered == null && owner.named() == null) {
                        sources.write(tar, dest, dest.endsWith("/"));
                    }
                    state.imageId = layered != null ? layered
                            : intoContainer(state, run, sources, tar, dest, ambiguous, owner, createdBy, cacheKey);
                }
                state.layers++;
                run.out.line(" ---> " + BuildRun.shortId(state.imageId));
            }
        }
    }

    private boolean usedCache(StageState state, BuildRun run, String cacheKey) throws IOException {
        if (run.options.noCache()) {
            return false;
        }
        Optional<String> cached = images.cached(state.imageId, cacheKey);
        if (cached.isEmpty()) {
            return false;
        }
        state.imageId = cached.get();
        state.layers++;
        run.out.line(" ---> Using cache");
        run.out.line(" ---> " + BuildRun.shortId(state.imageId));
        return true;
    }

    private String intoContainer(StageState state, BuildRun run, CopySources sources, CopyTar tar, String dest,
                                 boolean ambiguous, Ownership owner, String createdBy, String cacheKey)
            throws IOException, InterruptedException {
        Container container = containers.create(state.imageId, List.of("/bin/sh"), List.of(), "", "",
                run.options.networkMode());
        try {
            CopyTar content = tar;
            CopyTar rewritten = null;
            if (ambiguous && isDirectory(container, dest)) {
                // the destination is a directory of the image: the file goes into it, as in Docker
                rewritten = new CopyTar(run.spoolDir(), owner.overrides());
                sources.write(rewritten, dest, true);
                content = rewritten;
            }
            try (InputStream in = content.open()) {
                PutArchiveHeader header = PutArchiveHeader.newBuilder().setContainerId(container.getId())
                        .setContainerRef(container.getId()).setPath("/")
                        .setCopyUidGid(owner.named() != null).setUser(owner.named() == null ? "" : owner.named())
                        .build();
                StreamedUpload.upload(nodes.nodeArchive(container.getNodeAddress())::putArchive,
                        PutArchiveRequest.newBuilder().setHeader(header).build(),
                        data -> PutArchiveRequest.newBuilder().setData(data).build(), in, "copy into the step's container");
            } finally {
                if (rewritten != null) {
                    rewritten.close();
                }
            }
            return images.commitContainer(container, state.config.build(), state.author, createdBy, cacheKey);
        } finally {
            containers.removeInBackground(container, run);
        }
    }

    /**
     * The copy as a layer of its own, made here and committed straight onto the image: the files
     * under the directories they go into, those directories as the image has them (owner, mode,
     * time) or as Docker makes missing ones (root, 0755). A container of the image is made only
     * to look at them. Null when one of them is not a directory there (a link, say): the copy then
     * goes through a container, which follows it as Docker does.
     */
    private String asLayer(StageState state, BuildRun run, CopySources sources, String dest, boolean ambiguous,
                           Ownership owner, String createdBy, String cacheKey) throws IOException, InterruptedException {
        return asLayer(state, run, sources, dest, ambiguous, owner, createdBy, cacheKey, false);
    }

    /**
     * WORKDIR's directory, made as Docker makes it (root, 0755, its missing parents too) in a layer of
     * its own; null when the image has it already, or has something else than a directory on the way.
     */
    String directoryLayer(StageState state, BuildRun run, String path, String createdBy, String cacheKey)
            throws IOException, InterruptedException {
        if (state.layers == 0) {
            try (CopyTar tar = new CopyTar(run.spoolDir(), CopyTar.Overrides.NONE)) {
                String sofar = "";
                for (String part : relative(path).split("/")) {
                    if (!part.isEmpty()) {
                        sofar = join(sofar, part);
                        tar.directoryAsIs(sofar, 0755, System.currentTimeMillis(), 0, 0);
                    }
                }
                try (InputStream layer = tar.open()) {
                    return images.commitLayer(state.imageId, state.config.build(), state.author, createdBy, cacheKey, layer);
                }
            }
        }
        return asLayer(state, run, NO_SOURCES, path.endsWith("/") ? path : path + "/", false,
                Ownership.of(Optional.empty(), Optional.empty()), createdBy, cacheKey, true);
    }

    private static final CopySources NO_SOURCES = new CopySources() {
        @Override
        public int count() {
            return 0;
        }

        @Override
        public boolean singleIsDirectory() {
            return false;
        }

        @Override
        public void write(CopyTar tar, String dest, boolean destIsDirectory) {
            // the directories alone
        }

        @Override
        public void close() {
        }
    };

    private String asLayer(StageState state, BuildRun run, CopySources sources, String dest, boolean ambiguous, Ownership owner,
                           String createdBy, String cacheKey, boolean onlyIfMissing) throws IOException, InterruptedException {
        Container container = containers.create(state.imageId, List.of("/bin/sh"), List.of(), "", "", "none");
        boolean destIsDirectory = dest.endsWith("/");
        List<PathStat> directories = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try {
            if (ambiguous) {
                destIsDirectory = isDirectory(container, dest);
            }
            String into = ambiguous && !destIsDirectory ? parentOf(dest) : dest;
            String path = "";
            for (String part : relative(into).split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                path = path + "/" + part;
                PathStat stat = statOrNull(container, path);
                if (stat != null && (stat.getMode() & DIRECTORY_BIT) == 0) {
                    return null;
                }
                directories.add(stat);
                paths.add(path);
            }
            if (onlyIfMissing && !directories.contains(null)) {
                return null;
            }
        } finally {
            containers.removeInBackground(container, run);
        }
        // the tar goes to the image store as it is written: no spool file, writing and storing overlap
        LayerPipe pipe = new LayerPipe();
        List<PathStat> parents = directories;
        boolean intoDirectory = destIsDirectory;
        Future<?> writing = LAYER_WRITERS.submit(() -> {
            try (CopyTar tar = CopyTar.streaming(pipe.output(), owner.overrides())) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < paths.size(); i++) {
                    PathStat stat = parents.get(i);
                    if (stat == null) {
                        tar.directoryAsIs(relative(paths.get(i)), 0755, now, 0, 0);
                    } else {
                        tar.directoryAsIs(relative(paths.get(i)), (int) (stat.getMode() & 0777) | goSpecialBits(stat.getMode()),
                                stat.getMtime().getSeconds() * 1000 + stat.getMtime().getNanos() / 1_000_000,
                                stat.getUid(), stat.getGid());
                    }
                }
                sources.write(tar, dest, intoDirectory);
                tar.finish();
                pipe.writerDone(null);
            } catch (IOException | RuntimeException e) {
                pipe.writerDone(e);
            } catch (Error e) {
                pipe.writerDone(new IOException(e));
                throw e;
            }
            return null;
        });
        try (InputStream layer = pipe.input()) {
            return images.commitLayer(state.imageId, state.config.build(), state.author, createdBy, cacheKey, layer);
        } finally {
            writing.cancel(true);
        }
    }

    /** Go's setuid, setgid and sticky bits as the octal ones of a tar header. */
    private static int goSpecialBits(long goMode) {
        int bits = 0;
        if ((goMode & (1L << 23)) != 0) {
            bits |= 04000;
        }
        if ((goMode & (1L << 22)) != 0) {
            bits |= 02000;
        }
        if ((goMode & (1L << 20)) != 0) {
            bits |= 01000;
        }
        return bits;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private PathStat statOrNull(Container container, String path) {
        try {
            return nodes.nodeArchiveBlocking(container.getNodeAddress()).statPath(ArchivePathRequest.newBuilder()
                    .setContainerId(container.getId()).setPath(path).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private boolean isDirectory(Container container, String path) {
        try {
            PathStat stat = nodes.nodeArchiveBlocking(container.getNodeAddress()).statPath(ArchivePathRequest.newBuilder()
                    .setContainerId(container.getId()).setPath(path).build());
            return (stat.getMode() & DIRECTORY_BIT) != 0;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private CopySources sources(CopySpec spec, BuildRun run) throws IOException {
        if (spec.from().isPresent()) {
            if (spec.add()) {
                throw new BuildFailure("ADD does not support --from: use COPY --from");
            }
            return new ImageCopySources(spec, run, containers, nodes, bases);
        }
        return new LocalCopySources(spec, run, urls);
    }

    /** A container path as a name in the tar put at "/": "/app/x" is "app/x", "/" is "". */
    static String relative(String containerPath) {
        String cleaned = ContextPaths.cleanSource(containerPath);
        return cleaned == null ? "" : cleaned;
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : name.isEmpty() ? dir : dir + "/" + name;
    }
}

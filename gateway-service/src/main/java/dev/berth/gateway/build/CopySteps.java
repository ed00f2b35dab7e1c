package dev.berth.gateway.build;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.build.copy.ArchiveEntries;
import dev.berth.gateway.build.copy.ContextSources;
import dev.berth.gateway.build.copy.CopyTar;
import dev.berth.gateway.build.context.ContextPaths;
import dev.berth.gateway.commit.ChunkInputStream;
import dev.berth.gateway.image.StreamedUpload;
import dev.berth.proto.v1.ArchiveChunk;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.PathStat;
import dev.berth.proto.v1.PutArchiveHeader;
import dev.berth.proto.v1.PutArchiveRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
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
        try (Sources sources = sources(spec, run)) {
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

    private String intoContainer(StageState state, BuildRun run, Sources sources, CopyTar tar, String dest,
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
            containers.remove(container);
        }
    }

    /**
     * The copy as a layer of its own, made here and committed straight onto the image: the files
     * under the directories they go into, those directories as the image has them (owner, mode,
     * time) or as Docker makes missing ones (root, 0755). A container of the image is made only
     * to look at them. Null when one of them is not a directory there (a link, say): the copy then
     * goes through a container, which follows it as Docker does.
     */
    private String asLayer(StageState state, BuildRun run, Sources sources, String dest, boolean ambiguous,
                           Ownership owner, String createdBy, String cacheKey) throws IOException, InterruptedException {
        return asLayer(state, sources, dest, ambiguous, owner, createdBy, cacheKey, false);
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
        return asLayer(state, NO_SOURCES, path.endsWith("/") ? path : path + "/", false,
                Ownership.of(Optional.empty(), Optional.empty()), createdBy, cacheKey, true);
    }

    private static final Sources NO_SOURCES = new Sources() {
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

    private String asLayer(StageState state, Sources sources, String dest, boolean ambiguous, Ownership owner,
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
            containers.remove(container);
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

    private Sources sources(CopySpec spec, BuildRun run) throws IOException {
        if (spec.from().isPresent()) {
            if (spec.add()) {
                throw new BuildFailure("ADD does not support --from: use COPY --from");
            }
            return new ImageSources(spec, run);
        }
        return new LocalSources(spec, run);
    }

    /** What a COPY or ADD takes, written into a tar under its destination. */
    private interface Sources extends AutoCloseable {
        int count();

        boolean singleIsDirectory();

        /** Docker's word for the sources in the history: file, dir or multi. */
        default String kind() {
            return count() > 1 ? "multi" : singleIsDirectory() ? "dir" : "file";
        }

        /** @param destIsDirectory a file source goes into {@code dest} under its own name */
        void write(CopyTar tar, String dest, boolean destIsDirectory) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Sources of the build context, and for ADD the URLs it fetches and the archives it unpacks. */
    private final class LocalSources implements Sources {
        private final CopySpec spec;
        private final ContextSources context;
        private final List<String> paths = new ArrayList<>();
        private final List<UrlSources.Download> downloads = new ArrayList<>();

        LocalSources(CopySpec spec, BuildRun run) throws IOException {
            this.spec = spec;
            this.context = new ContextSources(run.context);
            List<String> local = new ArrayList<>();
            try {
                for (String source : spec.sources()) {
                    if (spec.add() && UrlSources.isUrl(source)) {
                        downloads.add(urls.fetch(source, run.spoolDir()));
                    } else {
                        local.add(source);
                    }
                }
                paths.addAll(context.resolve(local, spec.keyword()));
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public int count() {
            return paths.size() + downloads.size();
        }

        @Override
        public boolean singleIsDirectory() {
            return count() == 1 && paths.size() == 1 && (context.isDirectory(paths.get(0)) || isArchive(paths.get(0)));
        }

        @Override
        public void write(CopyTar tar, String dest, boolean destIsDirectory) throws IOException {
            String destName = CopySteps.relative(dest);
            boolean intoDir = destIsDirectory || count() > 1;
            for (String path : paths) {
                if (context.isDirectory(path)) {
                    context.write(path, destName, tar);
                } else if (isArchive(path)) {
                    try (InputStream archive = java.nio.file.Files.newInputStream(context.path(path))) {
                        ArchiveEntries.copy(archive, name -> join(destName, name), tar, true);
                    }
                } else {
                    String base = context.path(path).getFileName().toString();
                    context.write(path, intoDir ? join(destName, base) : destName, tar);
                }
            }
            for (UrlSources.Download download : downloads) {
                String target = intoDir ? join(destName, download.name()) : destName;
                tar.file(target, download.file(), 0600, download.lastModifiedMillis(), 0, 0);
            }
        }

        private boolean isArchive(String path) {
            if (!spec.add() || context.isDirectory(path)) {
                return false;
            }
            try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(context.path(path)))) {
                return ArchiveEntries.isArchive(in);
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            for (UrlSources.Download download : downloads) {
                java.nio.file.Files.deleteIfExists(download.file());
            }
        }
    }

    /** COPY --from: paths of another stage's image, or of an image by name, read from a container of it. */
    private final class ImageSources implements Sources {
        private final Container container;
        private final List<String> paths = new ArrayList<>();
        private final List<PathStat> stats = new ArrayList<>();

        ImageSources(CopySpec spec, BuildRun run) throws IOException {
            String from = spec.from().get();
            String image = run.stageImage(from).orElse(null);
            if (image == null) {
                image = bases.resolve(from, false, run.out).getId();
            }
            container = containers.create(image, List.of("/bin/sh"), List.of(), "", "", "none");
            try {
                for (String source : spec.sources()) {
                    if (source.contains("*") || source.contains("?") || source.contains("[")) {
                        throw new BuildFailure("COPY --from with wildcards is not supported by Berth yet: " + source);
                    }
                    String path = "/" + ContextPaths.cleanSource(source);
                    paths.add(path);
                    stats.add(stat(path, source));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private PathStat stat(String path, String source) {
            try {
                return nodes.nodeArchiveBlocking(container.getNodeAddress()).statPath(ArchivePathRequest.newBuilder()
                        .setContainerId(container.getId()).setPath(path).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    throw new BuildFailure("COPY failed: stat " + source + ": file does not exist");
                }
                throw e;
            }
        }

        @Override
        public int count() {
            return paths.size();
        }

        @Override
        public boolean singleIsDirectory() {
            return count() == 1 && (stats.get(0).getMode() & DIRECTORY_BIT) != 0;
        }

        @Override
        public void write(CopyTar tar, String dest, boolean destIsDirectory) throws IOException {
            String destName = CopySteps.relative(dest);
            boolean intoDir = destIsDirectory || count() > 1;
            for (int i = 0; i < paths.size(); i++) {
                boolean directory = (stats.get(i).getMode() & DIRECTORY_BIT) != 0;
                String top = ContextPaths.clean(stats.get(i).getName().replaceFirst("^/+", ""));
                String fileTarget = intoDir ? join(destName, top) : destName;
                Context.CancellableContext call = Context.current().withCancellation();
                Context previous = call.attach();
                try {
                    Iterator<ArchiveChunk> chunks = nodes.nodeArchiveBlocking(container.getNodeAddress()).getArchive(
                            ArchivePathRequest.newBuilder().setContainerId(container.getId()).setPath(paths.get(i)).build());
                    try (InputStream in = new ChunkInputStream(chunks)) {
                        ArchiveEntries.copy(in, name -> {
                            String rest = below(top, name);
                            if (rest == null) {
                                return null;
                            }
                            if (directory) {
                                return rest.isEmpty() ? null : join(destName, rest);
                            }
                            return rest.isEmpty() ? fileTarget : null;
                        }, tar, false);
                    }
                } finally {
                    call.cancel(null);
                    call.detach(previous);
                }
            }
        }

        @Override
        public void close() {
            containers.remove(container);
        }
    }

    /** A name of a path's archive relative to the path ("" for the path itself), or null when it is not below it. */
    private static String below(String top, String name) {
        if (top.isEmpty()) {
            return name;
        }
        if (name.equals(top)) {
            return "";
        }
        return name.startsWith(top + "/") ? name.substring(top.length() + 1) : null;
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

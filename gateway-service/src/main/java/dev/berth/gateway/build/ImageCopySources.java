package dev.berth.gateway.build;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.build.context.ContextPaths;
import dev.berth.gateway.build.copy.ArchiveEntries;
import dev.berth.gateway.build.copy.CopyTar;
import dev.berth.gateway.commit.ChunkInputStream;
import dev.berth.proto.v1.ArchiveChunk;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.PathStat;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import static dev.berth.gateway.build.CopySteps.join;

/** COPY --from: paths of another stage's image, or of an image by name, read from a container of it. */
final class ImageCopySources implements CopySources {

    private static final long DIRECTORY_BIT = 1L << 31;

    private final StepContainers containers;
    private final NodeChannels nodes;
    private final Container container;
    private final List<String> paths = new ArrayList<>();
    private final List<PathStat> stats = new ArrayList<>();

    ImageCopySources(CopySteps.CopySpec spec, BuildRun run, StepContainers containers, NodeChannels nodes,
                     BaseImages bases) throws IOException {
        this.containers = containers;
        this.nodes = nodes;
        String from = spec.from().get();
        String image = run.stageImage(from).orElse(null);
        if (image == null) {
            image = bases.resolve(from, false, run.out).getId();
        }
        container = containers.create(image, List.of("/bin/sh"), List.of(), "", "", "none");
        try {
            for (String source : spec.sources()) {
                String path = absolute(source);
                int slash = path.lastIndexOf('/');
                String dir = slash == 0 ? "/" : path.substring(0, slash);
                String name = path.substring(slash + 1);
                if (hasWildcard(dir)) {
                    throw new BuildFailure("COPY --from with wildcards before the last name is not supported by Berth yet: "
                            + source);
                }
                if (hasWildcard(name)) {
                    List<String> matches = matching(dir, name);
                    if (matches.isEmpty()) {
                        throw new BuildFailure("COPY failed: no source files were specified");
                    }
                    for (String match : matches) {
                        String matched = dir.equals("/") ? "/" + match : dir + "/" + match;
                        paths.add(matched);
                        stats.add(stat(matched, source));
                    }
                } else {
                    paths.add(path);
                    stats.add(stat(path, source));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A path of the image, absolute and cleaned; ".." at the root stays at the root, as in Go's path.Clean. */
    private static String absolute(String source) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : source.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static boolean hasWildcard(String path) {
        return path.contains("*") || path.contains("?") || path.contains("[");
    }

    /** The names in directory {@code dir} of the image that match {@code pattern} (Go's filepath.Match syntax), in order. */
    private List<String> matching(String dir, String pattern) throws IOException {
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:" + pattern.replace("{", "\\{").replace("}", "\\}"));
        PathStat top;
        try {
            top = stat(dir, dir);
        } catch (BuildFailure noDirectory) {
            return List.of(); // Docker's "no source files were specified"
        }
        String topName = ContextPaths.clean(top.getName().replaceFirst("^/+", ""));
        TreeSet<String> names = new TreeSet<>();
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        try {
            Iterator<ArchiveChunk> chunks = nodes.nodeArchiveBlocking(container.getNodeAddress()).getArchive(
                    ArchivePathRequest.newBuilder().setContainerId(container.getId()).setPath(dir).build());
            try (TarArchiveInputStream tar =
                         new TarArchiveInputStream(new ChunkInputStream(chunks))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String cleaned = ContextPaths.clean(entry.getName().replaceFirst("^/+", ""));
                    String rest = cleaned == null ? null : below(topName == null ? "" : topName, cleaned);
                    if (rest != null && !rest.isEmpty() && !rest.contains("/")
                            && matcher.matches(Path.of(rest))) {
                        names.add(rest);
                    }
                }
            }
        } finally {
            call.cancel(null);
            call.detach(previous);
        }
        return List.copyOf(names);
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
}

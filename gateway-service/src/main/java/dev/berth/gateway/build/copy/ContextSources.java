package dev.berth.gateway.build.copy;

import dev.berth.gateway.build.BuildFailure;
import dev.berth.gateway.build.context.BuildContext;
import dev.berth.gateway.build.context.ContextPaths;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sources a COPY or ADD names in the build context: paths relative to its root (a leading "/"
 * too), wildcards ({@code *}, {@code ?}, {@code [..]}) matched name by name as Go's filepath.Match
 * does, what .dockerignore leaves out as if it were not there. A path leaving the context is
 * refused. Everything is owned by root in the image (0:0) unless --chown says otherwise.
 */
public final class ContextSources {

    private final BuildContext context;

    public ContextSources(BuildContext context) {
        this.context = context;
    }

    /** The cleaned relative paths the sources stand for, in order; a source matching nothing is an error. */
    public List<String> resolve(List<String> sources, String keyword) throws IOException {
        List<String> matches = new ArrayList<>();
        for (String source : sources) {
            String cleaned = ContextPaths.cleanSource(source);
            if (cleaned == null) {
                throw new BuildFailure("Forbidden path outside the build context: " + source + " ()");
            }
            if (hasWildcard(cleaned)) {
                List<String> found = glob(cleaned);
                if (found.isEmpty()) {
                    throw new BuildFailure(keyword + " failed: no source files were specified");
                }
                matches.addAll(found);
            } else {
                Path path = context.root().resolve(cleaned);
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || context.ignored(cleaned)) {
                    throw new BuildFailure(keyword + " failed: file not found in build context or excluded by "
                            + ".dockerignore: stat " + source + ": file does not exist");
                }
                matches.add(cleaned);
            }
        }
        return matches;
    }

    public Path path(String relative) {
        return context.root().resolve(relative);
    }

    /** Whether the source is a directory (a link to one counts, as Docker follows a source that is a link). */
    public boolean isDirectory(String relative) {
        return Files.isDirectory(path(relative));
    }

    /**
     * Writes one source into the tar: a file as {@code target}, a directory's content below
     * {@code target} (the directory itself is not copied, as in Docker). Links inside a copied
     * directory stay links; a source that is itself a link is followed (inside the context only:
     * the extractor kept no link leading out).
     */
    public void write(String relative, String target, CopyTar tar) throws IOException {
        Path source = path(relative);
        if (Files.isDirectory(source)) {
            writeChildren(relative, source, target, tar);
        } else {
            writeFile(source, target, tar);
        }
    }

    private void writeChildren(String relative, Path dir, String target, CopyTar tar) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted().toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childRelative = relative.isEmpty() ? name : relative + "/" + name;
            String childTarget = target.isEmpty() ? name : target + "/" + name;
            PosixFileAttributes attributes = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean ignored = context.ignored(childRelative);
            if (attributes.isDirectory()) {
                // an excluded directory is still walked while a "!" pattern may take something below it back
                if (ignored && context.ignore().skipsDirectory(childRelative)) {
                    continue;
                }
                if (!ignored) {
                    tar.directory(childTarget, mode(attributes), attributes.lastModifiedTime().toMillis(), 0, 0);
                }
                writeChildren(childRelative, child, childTarget, tar);
                continue;
            }
            if (ignored) {
                continue;
            }
            long mtime = attributes.lastModifiedTime().toMillis();
            if (attributes.isSymbolicLink()) {
                tar.symlink(childTarget, Files.readSymbolicLink(child).toString(), mtime, 0, 0);
            } else if (attributes.isRegularFile()) {
                tar.file(childTarget, child, mode(attributes), mtime, 0, 0);
            }
        }
    }

    private static void writeFile(Path source, String target, CopyTar tar) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(source, PosixFileAttributes.class);
        tar.file(target, source, mode(attributes), attributes.lastModifiedTime().toMillis(), 0, 0);
    }

    private List<String> glob(String pattern) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("{", "\\{").replace("}", "\\}"));
        int depth = pattern.split("/").length;
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(context.root(), depth)) {
            for (Path path : (Iterable<Path>) all.sorted()::iterator) {
                Path relative = context.root().relativize(path);
                String name = relative.toString();
                if (!name.isEmpty() && relative.getNameCount() == depth && matcher.matches(relative) && !context.ignored(name)) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    private static boolean hasWildcard(String path) {
        return path.contains("*") || path.contains("?") || path.contains("[");
    }

    static int mode(PosixFileAttributes attributes) {
        int mode = 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            mode |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }
}

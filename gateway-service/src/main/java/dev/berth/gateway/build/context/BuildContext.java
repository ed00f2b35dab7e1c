package dev.berth.gateway.build.context;

import dev.berth.gateway.api.DockerApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A build's context, unpacked into a directory of its own that goes away with {@link #close}.
 * What the Dockerfile names is looked up with {@link #source}: inside the root only, the
 * .dockerignore'd paths absent, as if the client had left them out (the CLI does so itself).
 */
public final class BuildContext implements AutoCloseable {

    private final Path root;
    private final DockerIgnore ignore;
    private final Map<Path, String> digests;

    private BuildContext(Path root, DockerIgnore ignore, Map<Path, String> digests) {
        this.root = root;
        this.ignore = ignore;
        this.digests = digests;
    }

    /** Unpacks {@code body} into a new directory under {@code parent}; on failure nothing stays. */
    public static BuildContext receive(InputStream body, Path parent, long maxBytes) throws IOException {
        Files.createDirectories(parent);
        Path root = Files.createTempDirectory(parent, "context-");
        try {
            Map<Path, String> digests = new HashMap<>();
            new ContextExtractor(maxBytes).extract(body, root, digests);
            Path ignoreFile = root.resolve(".dockerignore");
            DockerIgnore ignore = Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)
                    ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8))
                    : DockerIgnore.parse("");
            return new BuildContext(root, ignore, digests);
        } catch (IOException | RuntimeException e) {
            delete(root);
            throw e;
        }
    }

    public Path root() {
        return root;
    }

    /** The Dockerfile's text; {@code name} is relative to the context (the CLI puts a -f from elsewhere in it). */
    public String dockerfile(String name) throws IOException {
        String cleaned = ContextPaths.cleanSource(name.isEmpty() ? "Dockerfile" : name);
        Path file = cleaned == null ? null : root.resolve(cleaned);
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // Docker's words for a missing one
            throw DockerApiException.badRequest("Cannot locate specified Dockerfile: " + name);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Whether a cleaned relative path is kept out of the context by .dockerignore. */
    public boolean ignored(String relative) {
        return !relative.isEmpty() && ignore.excludes(relative);
    }

    /** The content digest of a regular file of the context as it came in (null when unknown). */
    public String knownDigest(Path file) {
        return digests.get(file);
    }

    public DockerIgnore ignore() {
        return ignore;
    }

    @Override
    public void close() {
        delete(root);
    }

    /** Removes every context left in {@code parent} (by a gateway that was killed mid-build). */
    public static void deleteLeftovers(Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(child -> child.getFileName().toString().startsWith("context-")
                    || child.getFileName().toString().startsWith("copy-")
                    || child.getFileName().toString().startsWith("add-")).forEach(BuildContext::delete);
        } catch (IOException ignored) {
            // the next start tries again
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // the rest is still deleted; the directory's name says whose it was
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}

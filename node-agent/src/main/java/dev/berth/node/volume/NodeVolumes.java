package dev.berth.node.volume;

import dev.berth.common.error.BerthException;
import dev.berth.node.config.NodeProperties;
import dev.berth.node.nativ.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The volumes' data on this node, laid out as Docker's local driver lays it out:
 * {@code <root>/volumes/<name>/_data}. Names come from API callers: only Docker's volume-name
 * characters pass, so that no name leaves the volumes directory.
 */
@Component
public class NodeVolumes {

    /** Docker's rule for local volume names; no '/', and no name of only dots. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private final Path root;

    public NodeVolumes(NodeProperties node) {
        this.root = node.root().resolve("volumes");
    }

    /** The volume's data directory, made (empty) if it is not there. */
    public Path create(String name) {
        Path data = dataOf(name);
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume " + name + " at " + data, e);
        }
        return data;
    }

    /** Deletes the volume and its data; nothing when it is not there. */
    public void remove(String name) {
        Path volume = dataOf(name).getParent();
        try {
            Trees.deleteRecursively(volume);
        } catch (IOException e) {
            throw BerthException.internal("cannot remove volume " + name + ": " + e.getMessage(), e);
        }
    }

    public Path dataOf(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw BerthException.invalid("\"" + name + "\" includes invalid characters for a local volume name, only "
                    + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed");
        }
        return root.resolve(name).resolve("_data");
    }
}

package dev.berth.node.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A directory of a container's image as overlayfs shows it, merged from the image's layers (the
 * overlay's lower dirs, each unpacked with overlayfs whiteouts): a name is the topmost layer's
 * entry; a whiteout hides the name in the layers below; a directory merges with the same
 * directory below it unless it is opaque, and a non-directory ends the merge.
 */
final class ImageDirectory {

    /** This directory in each layer that shows through, top first. */
    private final List<Path> layers;

    private ImageDirectory(List<Path> layers) {
        this.layers = layers;
    }

    static ImageDirectory root(List<Path> layersTopFirst) {
        List<Path> shown = new ArrayList<>();
        for (Path layer : layersTopFirst) {
            shown.add(layer);
            if (OpaqueDirectories.isOpaque(layer)) {
                break;
            }
        }
        return new ImageDirectory(shown);
    }

    /** The image's entry {@code name} here; null when the image has none. */
    FileStat entry(String name) throws IOException {
        for (Path layer : layers) {
            FileStat stat = FileStat.lstat(layer.resolve(name));
            if (stat != null) {
                return stat.isWhiteout() ? null : stat;
            }
        }
        return null;
    }

    /** The image's directory {@code name} here; null when the image has no directory by that name. */
    ImageDirectory directory(String name) throws IOException {
        List<Path> shown = new ArrayList<>();
        for (Path layer : layers) {
            Path candidate = layer.resolve(name);
            FileStat stat = FileStat.lstat(candidate);
            if (stat == null) {
                continue;
            }
            if (!stat.isDirectory()) {
                break; // a whiteout or a non-directory hides the layers below
            }
            shown.add(candidate);
            if (OpaqueDirectories.isOpaque(candidate)) {
                break;
            }
        }
        return shown.isEmpty() ? null : new ImageDirectory(shown);
    }

    /** The names the image has here, in order. */
    SortedSet<String> names() throws IOException {
        Map<String, Boolean> shownByName = new HashMap<>(); // the topmost layer's entry decides
        for (Path layer : layers) {
            try (Stream<Path> listing = Files.list(layer)) {
                for (Path child : (Iterable<Path>) listing::iterator) {
                    String name = child.getFileName().toString();
                    if (!shownByName.containsKey(name)) {
                        FileStat stat = FileStat.lstat(child);
                        shownByName.put(name, stat != null && !stat.isWhiteout());
                    }
                }
            }
        }
        SortedSet<String> names = new TreeSet<>();
        shownByName.forEach((name, shown) -> {
            if (shown) {
                names.add(name);
            }
        });
        return names;
    }
}

package dev.berth.node.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a container's writable layer (the overlay's upper dir) changed against its image, as
 * docker diff lists it, walking the upper dir only (the image is looked at name by name):
 * <ul>
 *   <li>a whiteout (character device 0/0) is a deletion "D" of that path; so is every entry of
 *       the image under an opaque directory that the upper dir does not have again;</li>
 *   <li>an entry the image does not have is "A", and so is everything below an added directory;</li>
 *   <li>an entry the image has is "C"; a directory only when its type, permissions or owner
 *       differ, when it is opaque, or when something below it changed (never for its times);</li>
 *   <li>the engine's {@link MountPoints} and all below them are left out.</li>
 * </ul>
 * In tree order: depth first, names in order, a directory before what is in it. Names come from
 * the container: links are never followed, nothing outside the upper dir is read. Entries a
 * running container removes during the walk are skipped.
 */
public final class LayerChanges {

    private final MountPoints mountPoints;
    private final List<Change> changes = new ArrayList<>();

    private LayerChanges(MountPoints mountPoints) {
        this.mountPoints = mountPoints;
    }

    /**
     * @param upper          the upper dir
     * @param lowersTopFirst the image's layer directories, the overlay's lower dirs, top first
     */
    public static List<Change> of(Path upper, List<Path> lowersTopFirst, MountPoints mountPoints) throws IOException {
        LayerChanges scan = new LayerChanges(mountPoints);
        scan.compareDirectory("", upper, ImageDirectory.root(lowersTopFirst), OpaqueDirectories.isOpaque(upper));
        return List.copyOf(scan.changes);
    }

    /**
     * Records the changes below one directory.
     *
     * @param path       its container path, "" for the root
     * @param image      the image's directory there; null when the image has none
     * @param hidesImage whether the upper dir hides the image's entries there: it, or a directory
     *                   above it, is opaque
     */
    private void compareDirectory(String path, Path upperDir, ImageDirectory image, boolean hidesImage) throws IOException {
        SortedMap<String, FileStat> upper = listing(upperDir);
        SortedSet<String> deleted = new TreeSet<>();
        if (image != null && hidesImage) {
            for (String name : image.names()) {
                FileStat again = upper.get(name);
                if (again == null || again.isWhiteout()) {
                    deleted.add(name);
                }
            }
        } else if (image != null) {
            for (Map.Entry<String, FileStat> entry : upper.entrySet()) {
                // a whiteout of a name the image lacks hides nothing
                if (entry.getValue().isWhiteout() && image.entry(entry.getKey()) != null) {
                    deleted.add(entry.getKey());
                }
            }
        }
        SortedSet<String> names = new TreeSet<>(deleted);
        upper.forEach((name, stat) -> {
            if (!stat.isWhiteout()) {
                names.add(name);
            }
        });
        for (String name : names) {
            String childPath = path + "/" + name;
            if (mountPoints.covers(childPath)) {
                continue;
            }
            if (deleted.contains(name)) {
                changes.add(Change.deleted(childPath));
            } else {
                compareEntry(childPath, upperDir.resolve(name), upper.get(name), image, name, hidesImage);
            }
        }
    }

    private void compareEntry(String path, Path upperPath, FileStat now, ImageDirectory image, String name,
                              boolean hidesImage) throws IOException {
        FileStat before = image == null ? null : image.entry(name);
        if (before == null) {
            changes.add(Change.added(path));
            if (now.isDirectory()) {
                addAllBelow(path, upperPath);
            }
            return;
        }
        if (!now.isDirectory() || !before.isDirectory()) {
            changes.add(Change.modified(path));
            if (now.isDirectory()) {
                addAllBelow(path, upperPath); // it replaced a non-directory: nothing below it was there
            }
            return;
        }
        boolean opaque = OpaqueDirectories.isOpaque(upperPath);
        int mark = changes.size();
        compareDirectory(path, upperPath, image.directory(name), hidesImage || opaque);
        // Docker records a directory whose content changed, to keep its permissions in a commit
        if (opaque || !now.sameModeAndOwner(before) || changes.size() > mark) {
            changes.add(mark, Change.modified(path));
        }
    }

    private void addAllBelow(String path, Path upperDir) throws IOException {
        for (Map.Entry<String, FileStat> entry : listing(upperDir).entrySet()) {
            String childPath = path + "/" + entry.getKey();
            if (entry.getValue().isWhiteout() || mountPoints.covers(childPath)) {
                continue;
            }
            changes.add(Change.added(childPath));
            if (entry.getValue().isDirectory()) {
                addAllBelow(childPath, upperDir.resolve(entry.getKey()));
            }
        }
    }

    /** A directory's entries by name; none when a running container removed it meanwhile. */
    private static SortedMap<String, FileStat> listing(Path dir) throws IOException {
        SortedMap<String, FileStat> entries = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path child : (Iterable<Path>) listing::iterator) {
                FileStat stat = FileStat.lstat(child);
                if (stat != null) {
                    entries.put(child.getFileName().toString(), stat);
                }
            }
        } catch (NoSuchFileException gone) {
            return entries;
        }
        return entries;
    }
}

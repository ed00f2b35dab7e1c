package dev.berth.node.changes;

import dev.berth.node.archive.ContainerRoots;
import dev.berth.node.archive.TarWriter;
import dev.berth.node.bundle.Bundles;
import dev.berth.node.state.Container;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A container's file system against its image: docker diff ({@link #list}), its writable layer as
 * a layer tar for docker commit ({@link #exportChanges}) and its whole root for docker export
 * ({@link #exportFilesystem}), for created, running and exited containers alike. The changes are
 * listed under the container's lock; tars are written after it, at the reader's pace, from
 * files a running container may still change (Docker's exports are no snapshot either).
 */
@Component
public class ContainerChanges {

    private final ContainerRoots roots;

    public ContainerChanges(ContainerRoots roots) {
        this.roots = roots;
    }

    public List<Change> list(String containerId) throws IOException {
        return roots.locked(containerId, (container, root) -> changesOf(container));
    }

    /** Writes the writable layer's changes as an OCI layer tar. */
    public void exportChanges(String containerId, OutputStream out) throws IOException {
        record Listed(Path upper, List<Change> changes) {
        }
        Listed listed = roots.locked(containerId,
                (container, root) -> new Listed(Bundles.upperDir(container), changesOf(container)));
        LayerTar.write(listed.upper(), listed.changes(), out);
    }

    /**
     * Writes the merged root file system (the overlay mount, which none of the container's own
     * mounts is on) as a tar named relative to it ("bin/sh"), each mount point there as an empty
     * directory or file, as Docker's export shows /proc, /sys and /etc/hosts from its init layer.
     */
    public void exportFilesystem(String containerId, OutputStream out) throws IOException {
        record Root(Path rootfs, MountPoints mountPoints) {
        }
        Root root = roots.locked(containerId, (container, paths) -> new Root(container.rootfs(), mountPointsOf(container)));
        new TarWriter(out, root.mountPoints().under(root.rootfs())).readingOnlyInside(root.rootfs()).writeContents(root.rootfs());
    }

    private static List<Change> changesOf(Container container) throws IOException {
        List<Path> lowersTopFirst = new ArrayList<>(Bundles.layersBottomFirst(container));
        Collections.reverse(lowersTopFirst);
        return LayerChanges.of(Bundles.upperDir(container), lowersTopFirst, mountPointsOf(container));
    }

    private static MountPoints mountPointsOf(Container container) throws IOException {
        return MountPoints.ofSpec(container.bundle().resolve("config.json"));
    }
}

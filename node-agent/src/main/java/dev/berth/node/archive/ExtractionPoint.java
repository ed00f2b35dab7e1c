package dev.berth.node.archive;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a PUT archive is extracted: the path with every link followed (a link to a directory is fine), a directory. */
public final class ExtractionPoint {

    private ExtractionPoint() {
    }

    /** The container path of the directory, links resolved; Docker's errors when it is none. */
    public static String resolve(RootfsPath root, String path) throws IOException {
        Path host = root.resolve(ContainerPaths.clean("/" + path));
        if (!RootfsPath.exists(host)) {
            throw new NoSuchFileException(path);
        }
        if (!Files.isDirectory(host)) {
            throw BerthException.invalid("extraction point is not a directory");
        }
        return ArchiveStat.containerPath(root, host);
    }
}

package dev.berth.node.changes;

import dev.berth.node.archive.TarWriter;
import dev.berth.node.snapshot.LayerExtractor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A writable layer's {@link LayerChanges} as an OCI layer tar, the reverse of what
 * {@link LayerExtractor} unpacks: entries named relative ("etc/", "etc/app.conf"), in the changes'
 * order (a directory before its content), each one as the upper dir has it (a directory without
 * its entries: those that changed follow); a deletion as an empty file ".wh.NAME" beside it; an
 * opaque directory with the marker ".wh..wh..opq" in it, which stands for the deletions under it.
 */
public final class LayerTar {

    private LayerTar() {
    }

    public static void write(Path upper, List<Change> changes, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out).readingOnlyInside(upper);
        for (Change change : changes) {
            String name = change.path().substring(1);
            Path file = upper.resolve(name);
            try {
                FileStat stat = FileStat.lstat(file);
                if (change.kind() == Change.Kind.DELETED) {
                    // no whiteout here: it was hidden by an opaque directory above, whose marker says so
                    if (stat != null && stat.isWhiteout()) {
                        tar.writeEmptyFile(whiteoutName(name), 0600, file);
                    }
                } else if (stat != null) {
                    tar.writeEntry(file, name);
                    if (stat.isDirectory() && OpaqueDirectories.isOpaque(file)) {
                        tar.writeEmptyFile(name + "/" + LayerExtractor.OPAQUE_MARKER, stat.mode() & 0777, file);
                    }
                }
            } catch (NoSuchFileException gone) {
                // removed by the running container since the changes were listed, as Docker skips it
            }
        }
        tar.finish();
    }

    private static String whiteoutName(String name) {
        int slash = name.lastIndexOf('/');
        return name.substring(0, slash + 1) + LayerExtractor.WHITEOUT_PREFIX + name.substring(slash + 1);
    }
}

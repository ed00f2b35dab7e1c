package dev.berth.gateway.build;

import dev.berth.gateway.build.copy.CopyTar;
import java.io.IOException;

/** What a COPY or ADD takes, written into a tar under its destination. */
interface CopySources extends AutoCloseable {
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

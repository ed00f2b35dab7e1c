package dev.berth.node.state;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One process under conmon in a container: the main process of one run (an exec will be another).
 * It has the ids the node issued (the run, and conmon's {@code -u}, which names its exit file), its
 * own exit file, and its exit.
 */
public final class ContainerProcess {

    private final String conmonId;
    private final long runId;
    private final Path exitFile;
    private final Path persistDir;
    private final CompletableFuture<ProcessExit> exit = new CompletableFuture<>();

    /**
     * @param conmonId   conmon's {@code -u}: the name of the exit file in the exit dir
     * @param runId      the run of the container this process belongs to
     * @param exitFile   where conmon's {@code --exit-dir} puts the exit code
     * @param persistDir conmon's {@code --persist-dir}: a second exit file and the oom marker
     */
    public ContainerProcess(String conmonId, long runId, Path exitFile, Path persistDir) {
        this.conmonId = conmonId;
        this.runId = runId;
        this.exitFile = exitFile;
        this.persistDir = persistDir;
    }

    public String conmonId() {
        return conmonId;
    }

    public long runId() {
        return runId;
    }

    /** The exit files conmon writes, the exit dir's first. */
    public Path[] exitFiles() {
        return new Path[] {exitFile, persistDir.resolve("exit")};
    }

    public Path oomFile() {
        return persistDir.resolve("oom");
    }

    /** Completes once the process's exit is recorded. */
    public CompletableFuture<ProcessExit> exit() {
        return exit;
    }

    public boolean hasExited() {
        return exit.isDone();
    }
}

package dev.berth.node.executor;

import dev.berth.node.resources.CgroupLayout;
import dev.berth.node.resources.Freezer;

import dev.berth.common.error.BerthException;
import dev.berth.node.attach.AttachSocket;
import dev.berth.node.attach.OutputPump;
import dev.berth.node.command.ExternalCommand;
import dev.berth.node.state.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The runtime: runs a container's processes under conmon with runc, signals and deletes them. It
 * keeps no state of its own; the task service calls it holding the container's lock.
 */
@Component
public class ConmonRuntime {

    private static final Logger log = LoggerFactory.getLogger(ConmonRuntime.class);

    /** A main process that runc has started. */
    public record Started(int pid, int conmonPid) {
    }

    private final ConmonLauncher conmon;
    private final Runc runc;

    private final Freezer freezer = new Freezer(CgroupLayout.detect());

    ConmonRuntime(ConmonLauncher conmon, Runc runc) {
        this.conmon = conmon;
        this.runc = runc;
    }

    /**
     * conmon (which runs {@code runc create}), the output pump, then {@code runc start}. A failure
     * leaves nothing running; attachments registered with the hub then wait for the next start.
     */
    public Started startMain(Container container) throws InterruptedException {
        String id = container.id();
        container.hub().expectRun();
        int conmonPid;
        try {
            conmonPid = conmon.launch(container);
        } catch (BerthException | IOException e) {
            abort(container);
            if (e instanceof BerthException be) {
                throw be;
            }
            throw BerthException.internal("cannot start container " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            abort(container);
            throw e;
        }
        try {
            // Connect before runc start so attached clients get the output from its first byte.
            OutputPump.start(id, AttachSocket.connect(container.bundle()), container.hub());
        } catch (IOException e) {
            runc.delete(id, true);
            abort(container);
            throw BerthException.internal("cannot attach to container " + id + ": " + e.getMessage(), e);
        }
        ExternalCommand.Result started = runc.start(id);
        if (!started.ok()) {
            container.hub().disconnect();
            runc.delete(id, true);
            abort(container);
            throw BerthException.internal("runc start failed: " + started.output(), null);
        }
        return new Started(readPid(container.pidFile()), conmonPid);
    }

    private static void abort(Container container) {
        container.hub().runFailed();
        try {
            Files.deleteIfExists(container.pidFile());
        } catch (IOException e) {
            log.debug("cannot delete pid file: {}", e.getMessage());
        }
    }

    /** Reconnects the output of a main process found running by the live restore. */
    public void reattach(Container container) {
        container.hub().expectRun();
        try {
            OutputPump.start(container.id(), AttachSocket.connect(container.bundle()), container.hub());
        } catch (IOException e) {
            container.hub().runFailed();
            log.warn("cannot reattach to {}: {}", container.id(), e.getMessage());
        }
    }

    public ExternalCommand.Result signal(String id, int signal) {
        return runc.kill(id, signal);
    }

    /** Deletes the finished container from runc; forced if runc still thinks it runs. */
    public void delete(String id) {
        if (!runc.delete(id, false).ok()) {
            runc.delete(id, true);
        }
    }

    public ExternalCommand.Result pause(String id) {
        return runc.pause(id);
    }

    public ExternalCommand.Result resume(String id) {
        return runc.resume(id);
    }

    public ExternalCommand.Result update(String id, java.nio.file.Path resourcesFile) {
        return runc.update(id, resourcesFile);
    }

    /**
     * Thaws a paused container after a signal was sent to it, as dockerd does: a frozen process
     * cannot act on a signal, not even SIGKILL, until its cgroup is thawed.
     */
    public void resumeIfPaused(String id) {
        if (freezer.isFrozen(id)) {
            ExternalCommand.Result resumed = runc.resume(id);
            if (!resumed.ok()) {
                log.warn("cannot resume paused container {} after a signal: {}", id, resumed.output());
            }
        }
    }

    public boolean isPaused(String id) {
        return freezer.isFrozen(id);
    }

    /** Kills what is left and deletes it from runc. */
    public void forceDelete(String id) {
        runc.delete(id, true);
    }

    private static int readPid(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}

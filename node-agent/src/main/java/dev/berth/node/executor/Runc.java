package dev.berth.node.executor;

import dev.berth.node.command.ExternalCommand;
import dev.berth.node.config.NodeProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The runc command line (start, kill, pause, resume, update, delete), each call bounded by a timeout that can fire. */
@Component
public class Runc {

    /** None of these calls waits for the container's process: a minute means runc is stuck. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String runc;

    public Runc(NodeProperties properties) {
        this.runc = properties.runcPath();
    }

    public ExternalCommand.Result start(String id) {
        return run("start", id);
    }

    public ExternalCommand.Result kill(String id, int signal) {
        return run("kill", id, Integer.toString(signal));
    }

    /** Freezes the container's cgroup (the freezer controller on v1, cgroup.freeze on v2). */
    public ExternalCommand.Result pause(String id) {
        return run("pause", id);
    }

    public ExternalCommand.Result resume(String id) {
        return run("resume", id);
    }

    /** Applies the OCI linux.resources in {@code resourcesFile} to the running container's cgroup. */
    public ExternalCommand.Result update(String id, java.nio.file.Path resourcesFile) {
        return run("update", "--resources", resourcesFile.toString(), id);
    }

    public ExternalCommand.Result delete(String id, boolean force) {
        return force ? run("delete", "--force", id) : run("delete", id);
    }

    private ExternalCommand.Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(runc);
        command.addAll(List.of(args));
        return ExternalCommand.of(TIMEOUT, command).run();
    }
}

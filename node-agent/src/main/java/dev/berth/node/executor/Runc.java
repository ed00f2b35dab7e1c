package dev.berth.node.executor;

import dev.berth.node.command.ExternalCommand;
import dev.berth.node.config.NodeProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The runc command line (start, kill, delete), each call bounded by a timeout that can fire. */
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

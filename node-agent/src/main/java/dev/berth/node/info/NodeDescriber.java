package dev.berth.node.info;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.berth.node.command.ExternalCommand;
import dev.berth.node.config.NodeProperties;
import dev.berth.proto.v1.NodeDescription;

/**
 * Describes this node: the runc and conmon it runs containers with, as they report themselves,
 * and its cgroup hierarchy. Asked once, at the first question: the binaries do not change under
 * a running node-agent.
 */
@Component
class NodeDescriber {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

    private final NodeProperties properties;
    private volatile NodeDescription description;

    NodeDescriber(NodeProperties properties) {
        this.properties = properties;
    }

    NodeDescription describe() {
        NodeDescription known = description;
        if (known == null) {
            NodeDescription.Builder built = NodeDescription.newBuilder()
                    .setCgroupVersion(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1")
                    // Containers' cgroups are paths under /berth (OciSpecFactory), not systemd units.
                    .setCgroupDriver("cgroupfs");
            version("runc", properties.runcPath()).ifPresent(built::setRunc);
            version("conmon", properties.conmonPath()).ifPresent(built::setConmon);
            known = built.build();
            description = known;
        }
        return known;
    }

    private static Optional<NodeDescription.Program> version(String name, String binary) {
        ExternalCommand.Result result = ExternalCommand.of(VERSION_TIMEOUT, List.of(binary, "--version")).run();
        return result.ok() ? ProgramVersion.parse(name, result.output()) : Optional.empty();
    }
}

package dev.berth.node.api;

import dev.berth.common.time.ProtoTimes;
import com.google.protobuf.Timestamp;
import dev.berth.node.attach.OutputKind;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerState;
import dev.berth.proto.v1.ContainerFiles;
import dev.berth.proto.v1.NodeContainerStatus;
import dev.berth.proto.v1.NodeEvent;
import dev.berth.proto.v1.NodeEventType;
import dev.berth.proto.v1.NodeExit;
import dev.berth.proto.v1.OutputStream;
import java.time.Instant;

/** Node-agent state to proto messages. */
final class ProtoMapper {

    private ProtoMapper() {
    }

    static NodeEvent event(NodeEventType type, ContainerState state) {
        NodeEvent.Builder event = NodeEvent.newBuilder().setType(type).setTime(ProtoTimes.timestamp(Instant.now()));
        if (state == null) {
            return event.build();
        }
        event.setContainerId(state.id()).setStatus(status(state.status())).setPid(state.pid()).setRunId(state.runId());
        if (state.status() == ContainerState.Status.EXITED) {
            event.setExit(exit(state));
        }
        return event.build();
    }

    static NodeExit exit(ContainerState state) {
        NodeExit.Builder exit = NodeExit.newBuilder()
                .setRunId(state.runId())
                .setOomKilled(state.oomKilled())
                .setExitCodeLost(state.exitCodeLost());
        if (state.exitCode() != null) {
            exit.setExitCode(state.exitCode());
        }
        if (state.finishedAt() != null) {
            exit.setFinishedAt(ProtoTimes.timestamp(Instant.parse(state.finishedAt())));
        }
        return exit.build();
    }

    static NodeContainerStatus status(ContainerState.Status status) {
        return switch (status) {
            case CREATED -> NodeContainerStatus.NODE_CONTAINER_STATUS_CREATED;
            case RUNNING -> NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING;
            case EXITED -> NodeContainerStatus.NODE_CONTAINER_STATUS_EXITED;
        };
    }

    static ContainerFiles files(Container container) {
        return ContainerFiles.newBuilder()
                .setLogPath(container.logFile().toString())
                .setHostsPath(container.hostsFile().toString())
                .setHostnamePath(container.hostnameFile().toString())
                .setResolvConfPath(container.resolvConfFile().toString())
                .build();
    }

    static OutputStream stream(OutputKind kind) {
        return kind == OutputKind.STDERR ? OutputStream.OUTPUT_STREAM_STDERR : OutputStream.OUTPUT_STREAM_STDOUT;
    }

}

package dev.berth.gateway.stream;

import dev.berth.common.events.ExecActions;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.events.GatewayEvents;
import dev.berth.proto.v1.ExecRoute;
import dev.berth.proto.v1.NodeExecInfo;
import dev.berth.proto.v1.NodeExecRef;
import io.grpc.StatusRuntimeException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * exec_start and exec_die of the execs whose stream the gateway carries: the start when the
 * node has the attachment, the exit once the stream ended (its exit is recorded by then). A
 * detached exec's exit is not seen here, so it has no exec_die.
 */
@Component
public class ExecEvents {

    private final GatewayEvents events;
    private final NodeChannels nodes;

    ExecEvents(GatewayEvents events, NodeChannels nodes) {
        this.events = events;
        this.nodes = nodes;
    }

    public void started(ExecRoute route) {
        events.container(route.getContainerId(), ExecActions.start(route.getConfig().getCmdList()),
                Map.of("execID", route.getExecId()));
    }

    void ended(ExecRoute route) {
        NodeExecInfo info;
        try {
            info = nodes.nodeExec(route.getNodeAddress()).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .inspectExec(NodeExecRef.newBuilder().setExecId(route.getExecId()).build());
        } catch (StatusRuntimeException e) {
            return;
        }
        if (info.hasExitCode()) {
            events.container(route.getContainerId(), ExecActions.DIE,
                    Map.of("execID", route.getExecId(), "exitCode", Integer.toString(info.getExitCode())));
        }
    }
}

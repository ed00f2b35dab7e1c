package dev.berth.container.exec;

import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.proto.v1.CreateExecRequest;
import dev.berth.proto.v1.ExecRoute;
import dev.berth.proto.v1.ExecRouterGrpc;
import dev.berth.proto.v1.LocateExecRequest;
import dev.berth.proto.v1.NodeExecCreateRequest;
import dev.berth.proto.v1.NodeExecInfo;
import dev.berth.proto.v1.NodeExecRef;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Routes `docker exec` to the container's node. No exec state here: execs live on their node,
 * and an exec is found by asking the nodes. The exec events are the gateway's, which publishes
 * them in order (exec_create, exec_start, exec_die) off the request's path.
 */
@Service
class ExecRouterGrpcService extends ExecRouterGrpc.ExecRouterImplBase {

    private final ContainerLookup lookup;
    private final NodeRegistry nodes;
    ExecRouterGrpcService(ContainerLookup lookup, NodeRegistry nodes) {
        this.lookup = lookup;
        this.nodes = nodes;
    }

    @Override
    public void createExec(CreateExecRequest request, StreamObserver<ExecRoute> responses) {
        answer(responses, () -> {
            ContainerRow container = lookup.resolve(request.getContainerRef());
            if ("paused".equals(container.status())) {
                throw BerthException.precondition("Container " + container.id()
                        + " is paused, unpause the container before exec");
            }
            if (!"running".equals(container.status())) {
                throw BerthException.precondition("Container " + container.id() + " is not running");
            }
            NodeExecInfo created = nodes.execs(container.nodeId()).createExec(NodeExecCreateRequest.newBuilder()
                    .setContainerId(container.id()).setConfig(request.getConfig()).build());
            return route(created, container.nodeId());
        });
    }

    @Override
    public void locateExec(LocateExecRequest request, StreamObserver<ExecRoute> responses) {
        answer(responses, () -> {
            for (String nodeId : nodes.nodeIds()) {
                try {
                    NodeExecInfo found = nodes.execs(nodeId)
                            .inspectExec(NodeExecRef.newBuilder().setExecId(request.getExecId()).build());
                    return route(found, nodeId);
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.NOT_FOUND && e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                        throw e;
                    }
                }
            }
            throw BerthException.notFound("No such exec instance: " + request.getExecId());
        });
    }

    private ExecRoute route(NodeExecInfo exec, String nodeId) {
        return ExecRoute.newBuilder().setExecId(exec.getExecId()).setContainerId(exec.getContainerId())
                .setNodeAddress(nodes.address(nodeId)).setConfig(exec.getConfig()).build();
    }

    private static void answer(StreamObserver<ExecRoute> responses, Supplier<ExecRoute> work) {
        ExecRoute route;
        try {
            route = work.get();
        } catch (RuntimeException e) {
            responses.onError(e instanceof StatusRuntimeException ? e : GrpcStatuses.toStatus(e));
            return;
        }
        responses.onNext(route);
        responses.onCompleted();
    }
}

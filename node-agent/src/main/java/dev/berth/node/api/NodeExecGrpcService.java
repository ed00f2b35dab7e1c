package dev.berth.node.api;

import com.google.protobuf.Empty;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.node.exec.ExecService;
import dev.berth.node.supervisor.Supervisor;
import dev.berth.proto.v1.NodeExecCreateRequest;
import dev.berth.proto.v1.NodeExecGrpc;
import dev.berth.proto.v1.NodeExecInfo;
import dev.berth.proto.v1.NodeExecRef;
import dev.berth.proto.v1.NodeExecResize;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/** The NodeExec gRPC service: a thin adapter over {@link ExecService}; attached starts go through Attach. */
@Service
class NodeExecGrpcService extends NodeExecGrpc.NodeExecImplBase {

    private final ExecService execs;
    private final Supervisor supervisor;

    NodeExecGrpcService(ExecService execs, Supervisor supervisor) {
        this.execs = execs;
        this.supervisor = supervisor;
    }

    @Override
    public void createExec(NodeExecCreateRequest request, StreamObserver<NodeExecInfo> responses) {
        reply(supervisor.submit(() -> execs.create(request.getContainerId(), request.getConfig())), responses);
    }

    @Override
    public void startExecDetached(NodeExecRef request, StreamObserver<NodeExecInfo> responses) {
        CompletableFuture<ExecService.ExecView> started;
        try {
            started = execs.startDetached(request.getExecId());
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
            return;
        }
        reply(started, responses);
    }

    @Override
    public void inspectExec(NodeExecRef request, StreamObserver<NodeExecInfo> responses) {
        reply(CompletableFuture.supplyAsync(() -> execs.inspect(request.getExecId()), Runnable::run), responses);
    }

    @Override
    public void resizeExec(NodeExecResize request, StreamObserver<Empty> responses) {
        try {
            execs.resize(request.getExecId(), request.getRows(), request.getCols());
            responses.onNext(Empty.getDefaultInstance());
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
        }
    }

    static NodeExecInfo info(ExecService.ExecView view) {
        NodeExecInfo.Builder info = NodeExecInfo.newBuilder().setExecId(view.id()).setContainerId(view.containerId())
                .setRunning(view.running()).setPid(view.pid()).setConfig(view.config());
        if (view.exitCode() != null) {
            info.setExitCode(view.exitCode());
        }
        return info.build();
    }

    private static void reply(CompletableFuture<ExecService.ExecView> result, StreamObserver<NodeExecInfo> responses) {
        result.thenApply(NodeExecGrpcService::info).whenComplete((value, failure) -> {
            if (failure != null) {
                responses.onError(GrpcStatuses.toStatus(failure));
            } else {
                responses.onNext(value);
                responses.onCompleted();
            }
        });
    }
}

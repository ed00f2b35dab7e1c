package dev.berth.node.api;

import com.google.protobuf.Empty;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.node.supervisor.Supervisor;
import dev.berth.node.task.TaskService;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeControlGrpc;
import dev.berth.proto.v1.NodePauseState;
import dev.berth.proto.v1.NodeUpdateRequest;
import dev.berth.proto.v1.NodeUpdateResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/** The NodeControl gRPC service: pause, resume and update as tasks on the supervisor's queue. */
@Service
class NodeControlGrpcService extends NodeControlGrpc.NodeControlImplBase {

    private final TaskService tasks;
    private final Supervisor supervisor;

    NodeControlGrpcService(TaskService tasks, Supervisor supervisor) {
        this.tasks = tasks;
        this.supervisor = supervisor;
    }

    @Override
    public void pauseContainer(NodeContainerRef request, StreamObserver<Empty> responses) {
        reply(supervisor.submit(() -> {
            tasks.pause(request.getContainerId());
            return Empty.getDefaultInstance();
        }), responses);
    }

    @Override
    public void resumeContainer(NodeContainerRef request, StreamObserver<Empty> responses) {
        reply(supervisor.submit(() -> {
            tasks.resume(request.getContainerId());
            return Empty.getDefaultInstance();
        }), responses);
    }

    @Override
    public void getPauseState(NodeContainerRef request, StreamObserver<NodePauseState> responses) {
        reply(CompletableFuture.supplyAsync(() -> NodePauseState.newBuilder()
                .setPaused(tasks.isPaused(request.getContainerId())).build(), Runnable::run), responses);
    }

    @Override
    public void updateResources(NodeUpdateRequest request, StreamObserver<NodeUpdateResponse> responses) {
        reply(supervisor.submit(() -> NodeUpdateResponse.newBuilder()
                .setHostConfig(tasks.updateResources(request.getContainerId(), request.getHostConfig())).build()),
                responses);
    }

    private static <T> void reply(CompletableFuture<T> result, StreamObserver<T> responses) {
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                responses.onError(GrpcStatuses.toStatus(failure));
            } else {
                responses.onNext(value);
                responses.onCompleted();
            }
        });
    }
}

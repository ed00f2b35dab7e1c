package dev.berth.node.api;

import dev.berth.common.error.GrpcStatuses;
import dev.berth.node.stats.ProcessTable;
import dev.berth.node.stats.StatsSampler;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeStatsGrpc;
import dev.berth.proto.v1.NodeTopRequest;
import dev.berth.proto.v1.ProcessList;
import dev.berth.proto.v1.StatsSample;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/** The NodeStats gRPC service: reads only, answered on the caller's thread (no task queue). */
@Service
class NodeStatsGrpcService extends NodeStatsGrpc.NodeStatsImplBase {

    private final StatsSampler sampler;
    private final ProcessTable processes;

    NodeStatsGrpcService(StatsSampler sampler, ProcessTable processes) {
        this.sampler = sampler;
        this.processes = processes;
    }

    @Override
    public void sampleStats(NodeContainerRef request, StreamObserver<StatsSample> responses) {
        reply(() -> sampler.sample(request.getContainerId()), responses);
    }

    @Override
    public void listProcesses(NodeTopRequest request, StreamObserver<ProcessList> responses) {
        reply(() -> processes.list(request.getContainerId(), request.getPsArgs()), responses);
    }

    static <T> void reply(Supplier<T> work, StreamObserver<T> responses) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
            return;
        }
        responses.onNext(value);
        responses.onCompleted();
    }
}

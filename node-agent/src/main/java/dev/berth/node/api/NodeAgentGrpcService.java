package dev.berth.node.api;

import dev.berth.common.time.ProtoTimes;
import dev.berth.common.error.GrpcStatuses;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.berth.node.task.TaskService;
import dev.berth.node.attach.ClientOutbox;
import dev.berth.node.exec.ExecService;
import dev.berth.node.logs.LogReader;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerState;
import dev.berth.node.state.ContainerStore;
import dev.berth.node.supervisor.EventBus;
import dev.berth.node.supervisor.Supervisor;
import dev.berth.proto.v1.AttachRequest;
import dev.berth.proto.v1.AttachResponse;
import dev.berth.proto.v1.LogEntry;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.node.snapshot.LayerSource;
import dev.berth.node.snapshot.SnapshotStore;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.NodeCreateResponse;
import dev.berth.proto.v1.NodeExit;
import dev.berth.proto.v1.NodeKillRequest;
import dev.berth.proto.v1.NodeRemoveRequest;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.NodeStartResponse;
import dev.berth.proto.v1.NodeConnectRequest;
import dev.berth.proto.v1.NodeDisconnectRequest;
import dev.berth.proto.v1.NodeStartRequest;
import dev.berth.proto.v1.NodeNetworkRef;
import dev.berth.proto.v1.NetworkAttachment;
import dev.berth.node.network.NetworkBridges;
import dev.berth.node.volume.NodeVolumes;
import dev.berth.proto.v1.NodeVolume;
import dev.berth.proto.v1.NodeVolumeRef;
import dev.berth.proto.v1.NodeStopRequest;
import dev.berth.proto.v1.ReadLogsRequest;
import dev.berth.proto.v1.WatchEventsRequest;
import dev.berth.proto.v1.NodeEvent;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/** The NodeAgent gRPC service: a thin adapter that queues runtime work on the supervisor. */
@Service
class NodeAgentGrpcService extends NodeAgentGrpc.NodeAgentImplBase {

    /** Log entries read ahead of a ReadLogs client. */
    private static final long LOG_BUFFER_BYTES = 1 << 20;

    private final Supervisor supervisor;
    private final TaskService tasks;
    private final ContainerStore store;
    private final EventBus events;
    private final SnapshotStore snapshots;
    private final ExecService execs;
    private final NetworkBridges bridges;
    private final NodeVolumes volumes;
    private final ExecutorService logReaders = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "log-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService stdinWriters = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "attach-stdin");
        thread.setDaemon(true);
        return thread;
    });

    NodeAgentGrpcService(Supervisor supervisor, TaskService tasks, ContainerStore store, EventBus events,
                         SnapshotStore snapshots, ExecService execs, NetworkBridges bridges, NodeVolumes volumes) {
        this.bridges = bridges;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.execs = execs;
        this.supervisor = supervisor;
        this.tasks = tasks;
        this.store = store;
        this.events = events;
    }

    @Override
    public void createContainer(NodeCreateRequest request, StreamObserver<NodeCreateResponse> responses) {
        reply(supervisor.submit(() -> tasks.create(request)), responses,
                created -> NodeCreateResponse.newBuilder().setFiles(ProtoMapper.files(created.container()))
                        .setHostConfig(created.hostConfig()).build());
    }

    @Override
    public void prepareLayer(PrepareLayerRequest request, StreamObserver<PreparedLayer> responses) {
        List<LayerSource.LayerRef> layers = request.getLayersList().stream()
                .map(l -> new LayerSource.LayerRef(l.getDigest(), l.getDiffId(), l.getMediaType())).toList();
        reply(snapshots.prepareLayer(layers, request.getIndex()), responses, snapshot -> snapshot.measure()
                .map(m -> PreparedLayer.newBuilder().setDiffId(m.diffId().toString()).setSize(m.size()).build())
                .orElse(PreparedLayer.getDefaultInstance()));
    }

    @Override
    public void startContainer(NodeStartRequest request, StreamObserver<NodeStartResponse> responses) {
        NetworkAttachment network = request.hasNetwork() ? request.getNetwork() : null;
        reply(supervisor.submit(() -> started(tasks.start(request.getContainerId(), network,
                request.getConnectedList()))), responses, response -> response);
    }

    @Override
    public void connectNetwork(NodeConnectRequest request, StreamObserver<NetworkState> responses) {
        reply(supervisor.submit(() -> {
            NetworkState run = tasks.connectNetwork(request.getContainerId(), request.getNetwork());
            return run.getConnected(run.getConnectedCount() - 1);
        }), responses, joined -> joined);
    }

    @Override
    public void disconnectNetwork(NodeDisconnectRequest request, StreamObserver<Empty> responses) {
        reply(supervisor.submit(() -> {
            tasks.disconnectNetwork(request.getContainerId(), request.getNetworkId());
            return Empty.getDefaultInstance();
        }), responses, empty -> empty);
    }

    @Override
    public void createVolume(NodeVolumeRef request, StreamObserver<NodeVolume> responses) {
        reply(supervisor.submit(() -> NodeVolume.newBuilder()
                .setMountpoint(volumes.create(request.getName()).toString()).build()), responses, volume -> volume);
    }

    @Override
    public void removeVolume(NodeVolumeRef request, StreamObserver<Empty> responses) {
        reply(supervisor.submit(() -> {
            volumes.remove(request.getName());
            return Empty.getDefaultInstance();
        }), responses, empty -> empty);
    }

    @Override
    public void removeNetwork(NodeNetworkRef request, StreamObserver<Empty> responses) {
        reply(supervisor.submit(() -> {
            bridges.remove(request.getNetworkId());
            return Empty.getDefaultInstance();
        }), responses, empty -> empty);
    }

    private NodeStartResponse started(TaskService.Started started) {
        ContainerState state = started.state();
        NodeStartResponse.Builder out = NodeStartResponse.newBuilder().setPid(state.pid()).setRunId(state.runId())
                .setStartedAt(ProtoTimes.timestamp(Instant.parse(state.startedAt())));
        NetworkState network = started.network();
        if (network != null) {
            out.setNetwork(network);
        }
        return out.build();
    }

    @Override
    public void stopContainer(NodeStopRequest request, StreamObserver<NodeExit> responses) {
        CompletableFuture<ContainerState> exited = supervisor.submit(() ->
                tasks.stop(request.getContainerId(), request.getSignal(), request.getTimeoutSeconds()))
                .thenCompose(Function.identity());
        reply(exited, responses, ProtoMapper::exit);
    }

    @Override
    public void killContainer(NodeKillRequest request, StreamObserver<Empty> responses) {
        reply(supervisor.submit(() -> {
            tasks.kill(request.getContainerId(), request.getSignal());
            return Empty.getDefaultInstance();
        }), responses, Function.identity());
    }

    @Override
    public void removeContainer(NodeRemoveRequest request, StreamObserver<Empty> responses) {
        CompletableFuture<Void> removed = supervisor.submit(() ->
                tasks.remove(request.getContainerId(), request.getForce())).thenCompose(Function.identity());
        reply(removed, responses, ignored -> Empty.getDefaultInstance());
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<NodeEvent> responses) {
        ServerCallStreamObserver<NodeEvent> out = (ServerCallStreamObserver<NodeEvent>) responses;
        EventBus.Subscriber subscriber = (type, state) -> {
            if (out.isCancelled()) {
                throw new IllegalStateException("cancelled");
            }
            out.onNext(ProtoMapper.event(type, state));
        };
        out.setOnCancelHandler(() -> events.unsubscribe(subscriber));
        events.subscribe(subscriber, () -> store.all().stream().map(Container::state).toList());
    }

    @Override
    public StreamObserver<AttachRequest> attach(StreamObserver<AttachResponse> responses) {
        return new AttachSession((ServerCallStreamObserver<AttachResponse>) responses, store, execs, stdinWriters, logReaders);
    }

    @Override
    public void readLogs(ReadLogsRequest request, StreamObserver<LogEntry> responses) {
        ServerCallStreamObserver<LogEntry> out = (ServerCallStreamObserver<LogEntry>) responses;
        Container container;
        try {
            container = store.get(request.getContainerId());
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
            return;
        }
        // The reader has a thread of its own and waits for this client alone once LOG_BUFFER_BYTES wait for it.
        ClientOutbox<LogEntry> outbox = GrpcClient.outbox(out, entry -> entry.getData().size(), LOG_BUFFER_BYTES, 0);
        out.setOnCancelHandler(outbox::cancel);
        LogReader.Query query = new LogReader.Query(request.getStdout(), request.getStderr(),
                request.hasSince() ? ProtoTimes.instant(request.getSince()) : null,
                request.hasUntil() ? ProtoTimes.instant(request.getUntil()) : null,
                request.getTail(), request.getFollow());
        logReaders.execute(() -> {
            try {
                LogReader.read(container.logFile(), query, container.hub(),
                        () -> container.state().isRunning(), outbox::isFinished,
                        entry -> outbox.putBacklog(LogEntry.newBuilder().setStream(ProtoMapper.stream(entry.stream()))
                                .setTime(ProtoTimes.timestamp(entry.time()))
                                .setData(ByteString.copyFrom(entry.data())).build()));
                outbox.backlogDone();
                outbox.close();
            } catch (InterruptedException e) {
                outbox.cancel();
            } catch (Exception e) {
                outbox.fail(e);
            }
        });
    }

    private static <T, R> void reply(CompletableFuture<T> result, StreamObserver<R> responses, Function<T, R> mapper) {
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                responses.onError(GrpcStatuses.toStatus(failure));
            } else {
                responses.onNext(mapper.apply(value));
                responses.onCompleted();
            }
        });
    }

    @PreDestroy
    void close() {
        logReaders.shutdownNow();
        stdinWriters.shutdownNow();
    }
}

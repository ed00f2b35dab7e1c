package dev.berth.container.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;

import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeContainerStatus;
import dev.berth.proto.v1.ContainerFiles;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeCreateResponse;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NodeEvent;
import dev.berth.proto.v1.NodeEventType;
import dev.berth.proto.v1.NodeExit;
import dev.berth.proto.v1.NodeKillRequest;
import dev.berth.proto.v1.NodeRemoveRequest;
import dev.berth.proto.v1.NodeStartResponse;
import dev.berth.proto.v1.NodeStopRequest;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.LayerBlob;
import dev.berth.proto.v1.WatchEventsRequest;
import dev.berth.proto.v1.NodeControlGrpc;
import dev.berth.proto.v1.NodePauseState;
import dev.berth.proto.v1.NodeUpdateRequest;
import dev.berth.proto.v1.NodeUpdateResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * A node-agent stand-in on a real port of 127.0.0.1. Processes are simulated by their
 * command: {@code ["exit", "N"]} exits with N at once (the EXITED event is sent before
 * Start answers), {@code ["nosuchcmd"]} is refused like runc would, anything else runs until
 * stopped, killed or {@link #exit}ed.
 */
final class FakeNodeAgent extends NodeAgentGrpc.NodeAgentImplBase implements AutoCloseable {

    static final String RUNC_NOT_FOUND = "runc create failed: unable to start container process: "
            + "exec: \"nosuchcmd\": executable file not found in $PATH";

    static final class Fake {
        final NodeCreateRequest request;
        volatile NodeContainerStatus status = NodeContainerStatus.NODE_CONTAINER_STATUS_CREATED;
        volatile int pid;
        volatile long runId;
        volatile NodeExit exit;

        Fake(NodeCreateRequest request) {
            this.request = request;
        }
    }

    final Map<String, Fake> containers = new ConcurrentHashMap<>();
    final List<NodeStopRequest> stops = new CopyOnWriteArrayList<>();
    final List<NodeRemoveRequest> removes = new CopyOnWriteArrayList<>();
    final List<NodeUpdateRequest> updates = new CopyOnWriteArrayList<>();
    final List<PrepareLayerRequest> prepared = new CopyOnWriteArrayList<>();
    private final List<StreamObserver<NodeEvent>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger pids = new AtomicInteger(1000);
    volatile Status failCreate;
    /** The host config the fake node reports as applied (a real node clamps and discards as Docker does). */
    volatile UnaryOperator<HostConfig> applyHostConfig = UnaryOperator.identity();
    volatile CountDownLatch holdRemove;
    private final Server server;

    FakeNodeAgent() throws IOException {
        this(0);
    }

    FakeNodeAgent(int port) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this)
                .addService(new FakeControl()).build().start();
    }

    /** runc pause/resume/update as the node answers them: only a running container; resources applied as asked. */
    final class FakeControl extends NodeControlGrpc.NodeControlImplBase {

        @Override
        public void pauseContainer(NodeContainerRef request, StreamObserver<Empty> response) {
            onRunning(request.getContainerId(), response, Empty.getDefaultInstance());
        }

        @Override
        public void resumeContainer(NodeContainerRef request, StreamObserver<Empty> response) {
            onRunning(request.getContainerId(), response, Empty.getDefaultInstance());
        }

        @Override
        public void getPauseState(NodeContainerRef request, StreamObserver<NodePauseState> response) {
            done(response, NodePauseState.newBuilder().setPaused(false).build());
        }

        @Override
        public void updateResources(NodeUpdateRequest request, StreamObserver<NodeUpdateResponse> response) {
            updates.add(request);
            done(response, NodeUpdateResponse.newBuilder()
                    .setHostConfig(applyHostConfig.apply(request.getHostConfig())).build());
        }

        private <T> void onRunning(String id, StreamObserver<T> response, T answer) {
            Fake fake = containers.get(id);
            if (fake == null || fake.status != NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("Container " + id + " is not running")
                        .asRuntimeException());
                return;
            }
            done(response, answer);
        }
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    int watcherCount() {
        return watchers.size();
    }

    @Override
    public void createContainer(NodeCreateRequest request, StreamObserver<NodeCreateResponse> response) {
        if (failCreate != null) {
            response.onError(failCreate.asRuntimeException());
            return;
        }
        containers.put(request.getContainerId(), new Fake(request));
        String bundle = "/node/containers/" + request.getContainerId();
        done(response, NodeCreateResponse.newBuilder().setFiles(ContainerFiles.newBuilder()
                .setLogPath(bundle + "/ctr.log").setHostsPath(bundle + "/hosts")
                .setHostnamePath(bundle + "/hostname").setResolvConfPath(bundle + "/resolv.conf"))
                .setHostConfig(applyHostConfig.apply(request.getHostConfig())).build());
    }

    @Override
    public void prepareLayer(PrepareLayerRequest request, StreamObserver<PreparedLayer> response) {
        prepared.add(request);
        LayerBlob layer = request.getLayers(request.getIndex());
        done(response, PreparedLayer.newBuilder().setDiffId(layer.getDiffId()).setSize(4096).build());
    }

    @Override
    public void startContainer(dev.berth.proto.v1.NodeStartRequest request, StreamObserver<NodeStartResponse> response) {
        Fake fake = containers.get(request.getContainerId());
        if (fake == null) {
            response.onError(Status.NOT_FOUND.withDescription("no such container").asRuntimeException());
            return;
        }
        List<String> cmd = fake.request.getConfig().getCmdList();
        if (!cmd.isEmpty() && cmd.get(0).equals("nosuchcmd")) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(RUNC_NOT_FOUND).asRuntimeException());
            return;
        }
        Timestamp startedAt = now();
        fake.pid = pids.incrementAndGet();
        fake.runId++;
        fake.status = NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING;
        publish(NodeEvent.newBuilder().setType(NodeEventType.NODE_EVENT_TYPE_STARTED)
                .setContainerId(request.getContainerId()).setStatus(fake.status).setPid(fake.pid)
                .setRunId(fake.runId).setTime(startedAt).build());
        if (cmd.size() == 2 && cmd.get(0).equals("exit")) {
            exit(request.getContainerId(), Integer.parseInt(cmd.get(1)));
        }
        done(response, NodeStartResponse.newBuilder().setPid(fake.pid).setRunId(fake.runId).setStartedAt(startedAt)
                .build());
    }

    @Override
    public void stopContainer(NodeStopRequest request, StreamObserver<NodeExit> response) {
        stops.add(request);
        Fake fake = containers.get(request.getContainerId());
        if (fake.status == NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING) {
            exit(request.getContainerId(), request.getSignal().endsWith("KILL") ? 137 : 143);
        }
        done(response, fake.exit);
    }

    @Override
    public void killContainer(NodeKillRequest request, StreamObserver<Empty> response) {
        int signal = switch (request.getSignal()) {
            case "SIGKILL", "KILL", "9" -> 9;
            case "SIGTERM", "TERM", "15" -> 15;
            case "SIGUSR1", "USR1" -> 10;
            default -> -1;
        };
        if (signal < 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("Invalid signal: " + request.getSignal())
                    .asRuntimeException());
            return;
        }
        if (signal != 10) {
            exit(request.getContainerId(), 128 + signal);
        }
        done(response, Empty.getDefaultInstance());
    }

    @Override
    public void removeContainer(NodeRemoveRequest request, StreamObserver<Empty> response) {
        CountDownLatch hold = holdRemove;
        if (hold != null) {
            await(hold);
        }
        removes.add(request);
        Fake fake = containers.get(request.getContainerId());
        if (fake != null && fake.status == NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING && request.getForce()) {
            exit(request.getContainerId(), 137);
        }
        containers.remove(request.getContainerId());
        done(response, Empty.getDefaultInstance());
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<NodeEvent> response) {
        synchronized (this) {
            for (Map.Entry<String, Fake> entry : containers.entrySet()) {
                Fake fake = entry.getValue();
                NodeEvent.Builder snapshot = NodeEvent.newBuilder().setType(NodeEventType.NODE_EVENT_TYPE_SNAPSHOT)
                        .setContainerId(entry.getKey()).setStatus(fake.status).setPid(fake.pid)
                        .setRunId(fake.runId).setTime(now());
                if (fake.exit != null) {
                    snapshot.setExit(fake.exit);
                }
                response.onNext(snapshot.build());
            }
            response.onNext(NodeEvent.newBuilder().setType(NodeEventType.NODE_EVENT_TYPE_SYNCED).build());
            watchers.add(response);
        }
        ((ServerCallStreamObserver<NodeEvent>) response).setOnCancelHandler(() -> watchers.remove(response));
    }

    /** The process of {@code id} exits with {@code code}; watchers hear of it. */
    synchronized void exit(String id, int code) {
        Fake fake = containers.get(id);
        fake.status = NodeContainerStatus.NODE_CONTAINER_STATUS_EXITED;
        fake.exit = NodeExit.newBuilder().setRunId(fake.runId).setExitCode(code).setFinishedAt(now()).build();
        publish(NodeEvent.newBuilder().setType(NodeEventType.NODE_EVENT_TYPE_EXITED).setContainerId(id)
                .setStatus(fake.status).setRunId(fake.runId).setTime(fake.exit.getFinishedAt()).setExit(fake.exit).build());
    }

    private synchronized void publish(NodeEvent event) {
        for (StreamObserver<NodeEvent> watcher : watchers) {
            try {
                watcher.onNext(event);
            } catch (RuntimeException e) {
                watchers.remove(watcher);
            }
        }
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static <T> void done(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}

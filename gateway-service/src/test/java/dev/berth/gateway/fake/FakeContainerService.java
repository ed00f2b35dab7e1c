package dev.berth.gateway.fake;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ContainerState;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.KillContainerRequest;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.ListContainersResponse;
import dev.berth.proto.v1.RemoveContainerRequest;
import dev.berth.proto.v1.StartContainerResponse;
import dev.berth.proto.v1.StopContainerRequest;
import dev.berth.proto.v1.StopContainerResponse;
import dev.berth.proto.v1.WaitContainerRequest;
import dev.berth.proto.v1.WaitContainerResponse;
import dev.berth.proto.v1.WaitResult;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/** container-service in memory: enough of the state machine for the gateway's tests. */
public class FakeContainerService extends ContainerServiceGrpc.ContainerServiceImplBase {

    private final String nodeAddress;
    public final Map<String, Container> byId = new ConcurrentHashMap<>();
    public final BlockingQueue<CreateContainerRequest> creates = new LinkedBlockingQueue<>();
    public final BlockingQueue<WaitRegistration> waits = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> started = new LinkedBlockingQueue<>();

    /** A wait the test answers. */
    public record WaitRegistration(WaitContainerRequest request, StreamObserver<WaitContainerResponse> observer) {
        public void answer(int exitCode, String error) {
            observer.onNext(WaitContainerResponse.newBuilder()
                    .setResult(WaitResult.newBuilder().setExitCode(exitCode).setError(error)).build());
            observer.onCompleted();
        }
    }

    private final FakeImageService images;

    FakeContainerService(String nodeAddress, FakeImageService images) {
        this.images = images;
        this.nodeAddress = nodeAddress;
    }

    public Container put(String name, ContainerStatus status, boolean tty) {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        Instant now = Instant.now();
        ContainerState.Builder state = ContainerState.newBuilder().setStatus(status);
        if (status == ContainerStatus.CONTAINER_STATUS_RUNNING) {
            state.setPid(4242).setStartedAt(ts(now.minusSeconds(5)));
        } else if (status == ContainerStatus.CONTAINER_STATUS_EXITED) {
            state.setExitCode(3).setStartedAt(ts(now.minusSeconds(300))).setFinishedAt(ts(now.minusSeconds(120)));
        }
        Container c = Container.newBuilder()
                .setId(HexFormat.of().formatHex(bytes)).setName(name)
                .setCreated(ts(now.minusSeconds(600)))
                .setImageId(FakeImageService.BUSYBOX_ID)
                .setConfig(dev.berth.proto.v1.ContainerConfig.newBuilder()
                        .setImage("busybox").setTty(tty)
                        .addCmd("sh").addCmd("-c").addCmd("while true; do date; sleep 1; done")
                        .putLabels("app", "web"))
                .setState(state)
                .setNodeId("node-1").setNodeAddress(nodeAddress)
                .setFiles(dev.berth.proto.v1.ContainerFiles.newBuilder()
                        .setLogPath("/var/lib/berth/node/containers/x/ctr.log")
                        .setHostsPath("/var/lib/berth/node/containers/x/hosts")
                        .setHostnamePath("/var/lib/berth/node/containers/x/hostname")
                        .setResolvConfPath("/var/lib/berth/node/containers/x/resolv.conf"))
                .build();
        byId.put(c.getId(), c);
        return c;
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    private Container find(String ref) {
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        return byId.values().stream()
                .filter(c -> c.getId().equals(ref) || c.getName().equals(name) || c.getId().startsWith(ref))
                .findFirst()
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("No such container: " + ref).asRuntimeException());
    }

    private <T> void answer(StreamObserver<T> observer, java.util.function.Supplier<T> body) {
        try {
            T value = body.get();
            observer.onNext(value);
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void createContainer(CreateContainerRequest request, StreamObserver<Container> response) {
        creates.add(request);
        if (!images.knows(request.getConfig().getImage())) {
            // As the real container-service answers: the CLI then pulls.
            response.onError(Status.NOT_FOUND.withDescription("No such image: " + request.getConfig().getImage())
                    .asRuntimeException());
            return;
        }
        answer(response, () -> {
            Container c = put(request.getName().isEmpty() ? "eager_turing" : request.getName(),
                    ContainerStatus.CONTAINER_STATUS_CREATED, request.getConfig().getTty());
            Container stored = c.toBuilder().setConfig(request.getConfig()).setHostConfig(request.getHostConfig()).build();
            byId.put(c.getId(), stored);
            return stored;
        });
    }

    @Override
    public void startContainer(ContainerRef request, StreamObserver<StartContainerResponse> response) {
        answer(response, () -> {
            Container c = find(request.getRef());
            boolean running = c.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_RUNNING;
            Container started = c.toBuilder().setState(ContainerState.newBuilder()
                    .setStatus(ContainerStatus.CONTAINER_STATUS_RUNNING).setPid(7)
                    .setStartedAt(ts(Instant.now()))).build();
            byId.put(c.getId(), started);
            this.started.add(c.getId());
            return StartContainerResponse.newBuilder().setContainer(started).setAlreadyRunning(running).build();
        });
    }

    @Override
    public void stopContainer(StopContainerRequest request, StreamObserver<StopContainerResponse> response) {
        answer(response, () -> {
            Container c = find(request.getRef());
            boolean stopped = c.getState().getStatus() != ContainerStatus.CONTAINER_STATUS_RUNNING;
            return StopContainerResponse.newBuilder().setContainer(c).setAlreadyStopped(stopped).build();
        });
    }

    @Override
    public void killContainer(KillContainerRequest request, StreamObserver<Container> response) {
        answer(response, () -> {
            Container c = find(request.getRef());
            if (c.getState().getStatus() != ContainerStatus.CONTAINER_STATUS_RUNNING) {
                throw Status.FAILED_PRECONDITION.withDescription("Container " + c.getId() + " is not running")
                        .asRuntimeException();
            }
            return c;
        });
    }

    @Override
    public void removeContainer(RemoveContainerRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            Container c = find(request.getRef());
            if (c.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_RUNNING && !request.getForce()) {
                throw Status.FAILED_PRECONDITION.withDescription("You cannot remove a running container "
                        + c.getId() + ". Stop the container before attempting removal or force remove")
                        .asRuntimeException();
            }
            byId.remove(c.getId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getContainer(ContainerRef request, StreamObserver<Container> response) {
        answer(response, () -> find(request.getRef()));
    }

    @Override
    public void listContainers(ListContainersRequest request, StreamObserver<ListContainersResponse> response) {
        boolean onlyRunning = !request.getAll() || request.getFiltersList().stream()
                .anyMatch(f -> f.getKey().equals("status") && f.getValuesList().equals(List.of("running")));
        answer(response, () -> ListContainersResponse.newBuilder().addAllContainers(byId.values().stream()
                .filter(c -> !onlyRunning || c.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_RUNNING)
                .toList()).build());
    }

    @Override
    public void waitContainer(WaitContainerRequest request, StreamObserver<WaitContainerResponse> response) {
        try {
            find(request.getRef());
        } catch (RuntimeException e) {
            response.onError(e);
            return;
        }
        response.onNext(WaitContainerResponse.newBuilder().setRegistered(true).build());
        waits.add(new WaitRegistration(request, response));
    }
}

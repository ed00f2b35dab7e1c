package dev.berth.gateway.build;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.LogEntry;
import dev.berth.proto.v1.OutputStream;
import dev.berth.proto.v1.ReadLogsRequest;
import dev.berth.proto.v1.RemoveContainerRequest;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitContainerRequest;
import dev.berth.proto.v1.WaitContainerResponse;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The containers a build runs its steps in: made from the step's image like any other (same
 * container-service, node and runtime as docker run), and always removed again, whatever the
 * step's outcome.
 */
@Component
class StepContainers {

    private static final long HEARTBEAT_SECONDS = 2;
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "build-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** Marks the containers of build steps, with the gateway that runs them: a restarted gateway removes its own. */
    static final String STEP_LABEL = "dev.berth.build-step";

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;
    private final String gatewayId;

    StepContainers(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes,
                   BuildProperties properties) {
        this.containers = containers;
        this.nodes = nodes;
        this.gatewayId = properties.gatewayId();
    }

    /**
     * Removes the step containers of builds this gateway ran before it was killed (the build's own
     * cleanup died with it); answers how many.
     */
    int removeLeftovers() {
        List<Container> left = containers.listContainers(ListContainersRequest.newBuilder().setAll(true)
                .addFilters(Filter.newBuilder().setKey("label").addValues(STEP_LABEL + "=" + gatewayId)).build())
                .getContainersList();
        left.forEach(this::remove);
        return left.size();
    }

    /**
     * A container of {@code imageId} that would run {@code command} (the image's entrypoint not
     * used), with the step's environment on top of the image's, its user and working directory.
     */
    Container create(String imageId, List<String> command, List<String> env, String user, String workingDir,
                     String networkMode) {
        ContainerConfig config = ContainerConfig.newBuilder()
                .setImage(imageId)
                .addAllCmd(command)
                .addAllEnv(env)
                .setUser(user)
                .setWorkingDir(workingDir)
                .setAttachStdout(true).setAttachStderr(true)
                .putLabels(STEP_LABEL, gatewayId)
                // the image's healthcheck is for its containers, not for a build step
                .setHealthcheck(HealthConfig.newBuilder().addTest("NONE"))
                .build();
        return containers.createContainer(CreateContainerRequest.newBuilder()
                .setConfig(config)
                .setEntrypointGiven(true)
                .setHostConfig(HostConfig.newBuilder().setNetworkMode(networkMode))
                .build());
    }

    /**
     * Starts it, sends its output to {@code out} as it comes, and answers its exit code once it
     * ended. While it runs, a heartbeat checks that the client is still there; when it is not,
     * the wait ends with {@link BuildOutput.ClientGone} (the caller removes the container).
     */
    int run(Container container, BuildOutput out) throws IOException {
        ContainerRef ref = ContainerRef.newBuilder().setRef(container.getId()).build();
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        AtomicReference<IOException> gone = new AtomicReference<>();
        ScheduledFuture<?> heartbeat = HEARTBEATS.scheduleWithFixedDelay(() -> {
            try {
                out.heartbeat();
            } catch (IOException e) {
                gone.set(e);
                call.cancel(e);
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        try {
            Iterator<WaitContainerResponse> exit = containers.waitContainer(WaitContainerRequest.newBuilder()
                    .setRef(container.getId()).setCondition(WaitCondition.WAIT_CONDITION_NEXT_EXIT).build());
            if (!exit.hasNext() || !exit.next().hasRegistered()) {
                throw new IOException("container-service did not watch the step's container");
            }
            containers.startContainer(ref);
            Iterator<LogEntry> logs = nodes.nodeBlocking(container.getNodeAddress()).readLogs(ReadLogsRequest.newBuilder()
                    .setContainerId(container.getId()).setStdout(true).setStderr(true).setFollow(true).setTail(-1)
                    .build());
            while (logs.hasNext()) {
                LogEntry entry = logs.next();
                out.output(entry.getData().toString(StandardCharsets.UTF_8),
                        entry.getStream() == OutputStream.OUTPUT_STREAM_STDERR);
            }
            while (exit.hasNext()) {
                WaitContainerResponse response = exit.next();
                if (response.hasResult()) {
                    return response.getResult().getExitCode();
                }
            }
            throw new IOException("the step's container ended without an exit code");
        } catch (StatusRuntimeException e) {
            if (gone.get() != null) {
                throw new BuildOutput.ClientGone(gone.get());
            }
            throw e;
        } finally {
            heartbeat.cancel(false);
            call.cancel(null);
            call.detach(previous);
        }
    }

    private static final ExecutorService REMOVALS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "build-step-removal");
        thread.setDaemon(true);
        return thread;
    });

    /** Removes it on a thread of its own while the build goes on; the build waits for it before it ends. */
    void removeInBackground(Container container, BuildRun run) {
        run.pendingRemoval(REMOVALS.submit(() -> remove(container)));
    }

    /** Removes it, running or not; a container already gone is fine. */
    void remove(Container container) {
        try {
            containers.removeContainer(RemoveContainerRequest.newBuilder().setRef(container.getId()).setForce(true)
                    .setRemoveVolumes(true).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
                throw e;
            }
        }
    }
}

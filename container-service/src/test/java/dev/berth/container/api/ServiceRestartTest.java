package dev.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.container.lifecycle.Exit;
import dev.berth.container.store.ContainerRepository;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.NodeContainerStatus;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeRemoveRequest;
import dev.berth.proto.v1.WaitCondition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A new application context on the same H2 file: rows survive, exits missed meanwhile are reconciled,
 * interrupted removals finished. */
class ServiceRestartTest {

    @TempDir
    Path dataRoot;

    @Test
    void restart_keepsContainersAndReconcilesExitsFromTheSnapshot() throws Exception {
        try (FakeNodeAgent node = new FakeNodeAgent()) {
            String running;
            String exited;
            String idle;
            String autoRemoved;
            String forgotten;
            String halfRemoved;
            try (ServiceHarness first = new ServiceHarness(dataRoot, node.address())) {
                Eventually.await("the event stream", () -> node.watcherCount() == 1);
                running = createAndStart(first, "running", "sleep", false);
                exited = createAndStart(first, "exited", "exit 4", false);
                WaitStream.registered(first.async, exited, WaitCondition.WAIT_CONDITION_NOT_RUNNING).result();
                idle = create(first, "idle", "sleep", false).getId();
                autoRemoved = createAndStart(first, "autoremoved", "sleep", true);
                forgotten = createAndStart(first, "forgotten", "sleep", false);
                halfRemoved = create(first, "halfremoved", "sleep", false).getId();
                ContainerRepository rows = first.bean(ContainerRepository.class);
                rows.save(rows.findById(halfRemoved).orElseThrow().withStatus("removing"));
            }
            Eventually.await("the old stream to close", () -> node.watcherCount() == 0);
            node.exit(running, 9);
            node.exit(autoRemoved, 0);
            node.containers.remove(forgotten);

            try (ServiceHarness second = new ServiceHarness(dataRoot, node.address())) {
                assertThat(WaitStream.registered(second.async, running, WaitCondition.WAIT_CONDITION_NOT_RUNNING)
                        .result().getExitCode()).isEqualTo(9);
                WaitStream.registered(second.async, forgotten, WaitCondition.WAIT_CONDITION_NOT_RUNNING).result();
                Container lost = get(second, forgotten);
                assertThat(lost.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_EXITED);
                assertThat(lost.getState().getExitCode()).isEqualTo(Exit.LOST_CODE);
                assertThat(lost.getState().getError()).isEqualTo(Exit.LOST_ERROR);
                assertThat(get(second, exited).getState().getExitCode()).isEqualTo(4);
                assertThat(get(second, exited).getState().getStatus())
                        .isEqualTo(ContainerStatus.CONTAINER_STATUS_EXITED);
                assertThat(get(second, idle).getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_CREATED);
                Eventually.await("the auto-remove container to go", () -> isGone(second, autoRemoved));
                Eventually.await("the interrupted removal to finish", () -> isGone(second, halfRemoved));
                assertThat(node.removes).anyMatch(r -> r.getContainerId().equals(halfRemoved));
                List<String> all = second.blocking().listContainers(ListContainersRequest.newBuilder().setAll(true)
                        .build()).getContainersList().stream().map(Container::getName).toList();
                assertThat(all).containsExactly("forgotten", "idle", "exited", "running");
            }
        }
    }

    @Test
    void restart_settlesCreatesThatWereNeverAnswered() throws Exception {
        try (FakeNodeAgent node = new FakeNodeAgent()) {
            String kept;
            String neverReceived;
            try (ServiceHarness first = new ServiceHarness(dataRoot, node.address())) {
                Eventually.await("the event stream", () -> node.watcherCount() == 1);
                kept = createAndStart(first, "kept", "sleep", false);
                neverReceived = create(first, "neverreceived", "sleep", false).getId();
            }
            // A row stored, then the service died before the node's create.
            node.containers.remove(neverReceived);
            Eventually.await("the old stream to close", () -> node.watcherCount() == 0);
            // Creates the node carried out but the service never answered (it died in between).
            String orphanCreated = "ab".repeat(32);
            String orphanRunning = "ef".repeat(32);
            node.containers.put(orphanCreated, new FakeNodeAgent.Fake(NodeCreateRequest.newBuilder()
                    .setContainerId(orphanCreated).build()));
            FakeNodeAgent.Fake running = new FakeNodeAgent.Fake(NodeCreateRequest.newBuilder()
                    .setContainerId(orphanRunning).build());
            running.status = NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING;
            node.containers.put(orphanRunning, running);

            try (ServiceHarness second = new ServiceHarness(dataRoot, node.address())) {
                Eventually.await("the orphans to be removed from the node",
                        () -> !node.containers.containsKey(orphanCreated) && !node.containers.containsKey(orphanRunning));
                assertThat(node.removes).filteredOn(r -> !r.getContainerId().equals(kept))
                        .extracting(NodeRemoveRequest::getContainerId, NodeRemoveRequest::getForce)
                        .containsExactlyInAnyOrder(tuple(orphanCreated, true), tuple(orphanRunning, true));
                assertThat(node.containers).containsKey(kept);
                assertThat(get(second, kept).getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
                Eventually.await("the create the node never received to be rolled back",
                        () -> isGone(second, neverReceived));
            }
        }
    }

    private static Container create(ServiceHarness service, String name, String cmd, boolean autoRemove) {
        return service.blocking().createContainer(CreateContainerRequest.newBuilder()
                .setName(name)
                .setConfig(ContainerConfig.newBuilder().setImage("busybox").addAllCmd(List.of(cmd.split(" "))))
                .setHostConfig(HostConfig.newBuilder().setAutoRemove(autoRemove)).build());
    }

    private static String createAndStart(ServiceHarness service, String name, String cmd, boolean autoRemove) {
        String id = create(service, name, cmd, autoRemove).getId();
        service.blocking().startContainer(ContainerRef.newBuilder().setRef(id).build());
        return id;
    }

    private static Container get(ServiceHarness service, String ref) {
        return service.blocking().getContainer(ContainerRef.newBuilder().setRef(ref).build());
    }

    private static boolean isGone(ServiceHarness service, String ref) {
        try {
            get(service, ref);
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.NOT_FOUND;
        }
    }
}

package dev.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.ContainerVerbsGrpc;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.KillContainerRequest;
import dev.berth.proto.v1.RenameContainerRequest;
import dev.berth.proto.v1.UpdateContainerRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Pause, unpause, rename and update through the whole service on H2, with a fake node. */
class ContainerVerbsTest {

    @TempDir
    static Path dataRoot;

    static FakeNodeAgent node;
    static ServiceHarness service;

    @BeforeAll
    static void startService() throws Exception {
        node = new FakeNodeAgent();
        service = new ServiceHarness(dataRoot, node.address());
        Eventually.await("the event stream", () -> node.watcherCount() == 1);
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
        node.close();
    }

    private static ContainerVerbsGrpc.ContainerVerbsBlockingStub verbs() {
        return ContainerVerbsGrpc.newBlockingStub(service.channel).withDeadlineAfter(1, TimeUnit.MINUTES);
    }

    private static Container create(String name, HostConfig host) {
        return service.blocking().createContainer(CreateContainerRequest.newBuilder().setName(name)
                .setConfig(ContainerConfig.newBuilder().setImage("busybox").addCmd("sleep")).setHostConfig(host).build());
    }

    private static Container running(String name) {
        Container created = create(name, HostConfig.getDefaultInstance());
        service.blocking().startContainer(ref(created.getId()));
        return created;
    }

    private static ContainerRef ref(String ref) {
        return ContainerRef.newBuilder().setRef(ref).build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pause_running_isPausedUntilUnpaused() {
        Container c = running(unique("pause"));

        assertThat(verbs().pauseContainer(ref(c.getId())).getState().getStatus())
                .isEqualTo(ContainerStatus.CONTAINER_STATUS_PAUSED);
        assertThat(service.blocking().getContainer(ref(c.getId())).getState().getStatus())
                .isEqualTo(ContainerStatus.CONTAINER_STATUS_PAUSED);
        assertThat(verbs().unpauseContainer(ref(c.getName())).getState().getStatus())
                .isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
    }

    @Test
    void pause_paused_isConflictAlreadyPaused() {
        Container c = running(unique("pause2"));
        verbs().pauseContainer(ref(c.getId()));

        assertThatThrownBy(() -> verbs().pauseContainer(ref(c.getId())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Container " + c.getId() + " is already paused");
                });
    }

    @Test
    void pause_notStarted_isConflictNotRunning() {
        Container c = create(unique("pause3"), HostConfig.getDefaultInstance());

        assertThatThrownBy(() -> verbs().pauseContainer(ref(c.getId())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("container " + c.getId() + " is not running"));
    }

    @Test
    void unpause_running_isDockers500NotPaused() {
        Container c = running(unique("unpause"));

        assertThatThrownBy(() -> verbs().unpauseContainer(ref(c.getId())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Container " + c.getId() + " is not paused");
                });
    }

    @Test
    void kill_paused_withSignal_runsAgain() {
        Container c = running(unique("killpaused"));
        verbs().pauseContainer(ref(c.getId()));

        Container killed = service.blocking().killContainer(KillContainerRequest.newBuilder()
                .setRef(c.getId()).setSignal("SIGUSR1").build());

        assertThat(killed.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
    }

    @Test
    void rename_freeName_isFoundByItAndNotByTheOld() {
        String old = unique("old");
        String renamed = unique("new");
        Container c = create(old, HostConfig.getDefaultInstance());

        verbs().renameContainer(RenameContainerRequest.newBuilder().setRef(old).setName(renamed).build());

        assertThat(service.blocking().getContainer(ref(renamed)).getId()).isEqualTo(c.getId());
        assertThatThrownBy(() -> service.blocking().getContainer(ref(old)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void rename_takenName_isConflictInDockersWords() {
        Container holder = create(unique("holder"), HostConfig.getDefaultInstance());
        Container c = create(unique("mover"), HostConfig.getDefaultInstance());

        assertThatThrownBy(() -> verbs().renameContainer(RenameContainerRequest.newBuilder()
                .setRef(c.getId()).setName("/" + holder.getName()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Error when allocating new name: Conflict."
                            + " The container name \"/" + holder.getName() + "\" is already in use by container \""
                            + holder.getId() + "\". You have to remove (or rename) that container to be able to"
                            + " reuse that name.");
                });
    }

    @Test
    void rename_sameOrInvalidName_isBadRequest() {
        Container c = create(unique("same"), HostConfig.getDefaultInstance());

        assertThatThrownBy(() -> verbs().renameContainer(RenameContainerRequest.newBuilder()
                .setRef(c.getId()).setName(c.getName()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("Renaming a container with the same name as its current name"));
        assertThatThrownBy(() -> verbs().renameContainer(RenameContainerRequest.newBuilder()
                .setRef(c.getId()).setName("bad name").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Error when allocating new name: Invalid"
                            + " container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
                });
    }

    @Test
    void update_memory_isMergedSentToTheNodeAndStored() {
        Container c = create(unique("update"), HostConfig.newBuilder().setMemory(64L << 20).setMemorySwap(128L << 20)
                .setCpuShares(512).build());

        Container updated = verbs().updateContainer(UpdateContainerRequest.newBuilder().setRef(c.getId())
                .setMemory(96L << 20).setCpuShares(0).build());

        HostConfig expected = HostConfig.newBuilder().setMemory(96L << 20).setMemorySwap(128L << 20)
                .setCpuShares(512).build();
        assertThat(node.updates.get(node.updates.size() - 1).getHostConfig()).isEqualTo(expected);
        assertThat(updated.getHostConfig()).isEqualTo(expected);
        assertThat(service.blocking().getContainer(ref(c.getId())).getHostConfig()).isEqualTo(expected);
    }
}

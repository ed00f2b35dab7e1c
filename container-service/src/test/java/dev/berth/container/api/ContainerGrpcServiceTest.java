package dev.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.container.lifecycle.StartFailure;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.KillContainerRequest;
import dev.berth.proto.v1.LayerBlob;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.RemoveContainerRequest;
import dev.berth.proto.v1.StartContainerResponse;
import dev.berth.proto.v1.StopContainerRequest;
import dev.berth.proto.v1.StopContainerResponse;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class ContainerGrpcServiceTest {

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

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Container create(String name, Consumer<ContainerConfig.Builder> config, boolean autoRemove) {
        ContainerConfig.Builder builder = ContainerConfig.newBuilder().setImage("busybox").addCmd("sleep");
        config.accept(builder);
        return service.blocking().createContainer(CreateContainerRequest.newBuilder()
                .setName(name).setConfig(builder)
                .setHostConfig(HostConfig.newBuilder().setAutoRemove(autoRemove)).build());
    }

    private static Container create(String name) {
        return create(name, c -> { }, false);
    }

    private static Container exitingWith(String name, int code, boolean autoRemove) {
        return create(name, c -> c.clearCmd().addCmd("exit").addCmd(Integer.toString(code)), autoRemove);
    }

    private static StartContainerResponse start(String ref) {
        return service.blocking().startContainer(ContainerRef.newBuilder().setRef(ref).build());
    }

    private static Container get(String ref) {
        return service.blocking().getContainer(ContainerRef.newBuilder().setRef(ref).build());
    }

    private static Status statusOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void create_storesCreatedContainerOnTheNode() {
        Container created = create(unique("web"));

        assertThat(created.getId()).matches("[0-9a-f]{64}");
        assertThat(created.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_CREATED);
        assertThat(created.getNodeId()).isEqualTo("local");
        assertThat(created.getNodeAddress()).isEqualTo(node.address());
        assertThat(created.getConfig().getImage()).isEqualTo("busybox");
        assertThat(node.containers.get(created.getId()).request.getName()).isEqualTo(created.getName());
        assertThat(created.getFiles().getLogPath()).isEqualTo("/node/containers/" + created.getId() + "/ctr.log");
        Container read = service.blocking().getContainer(ContainerRef.newBuilder().setRef(created.getId()).build());
        assertThat(read.getFiles().getHostsPath()).isEqualTo("/node/containers/" + created.getId() + "/hosts");
        assertThat(read.getFiles().getResolvConfPath()).endsWith("/resolv.conf");
    }

    @Test
    void create_storesTheHostConfigTheNodeApplied() {
        node.applyHostConfig = asked -> asked.toBuilder().setCpuShares(2).setMemorySwap(asked.getMemory() * 2).build();
        try {
            Container created = service.blocking().createContainer(CreateContainerRequest.newBuilder()
                    .setName(unique("limits")).setConfig(ContainerConfig.newBuilder().setImage("busybox").addCmd("sh"))
                    .setHostConfig(HostConfig.newBuilder().setMemory(33554432).setCpuShares(-5)).build());

            assertThat(node.containers.get(created.getId()).request.getHostConfig().getCpuShares()).isEqualTo(-5);
            Container read = service.blocking().getContainer(ContainerRef.newBuilder().setRef(created.getId()).build());
            assertThat(read.getHostConfig()).isEqualTo(HostConfig.newBuilder().setMemory(33554432)
                    .setMemorySwap(67108864).setCpuShares(2).build());
        } finally {
            node.applyHostConfig = UnaryOperator.identity();
        }
    }

    @Test
    void create_resolvesTheImageAndMergesItsConfig() {
        String name = unique("merged");
        Container created = service.blocking().createContainer(CreateContainerRequest.newBuilder().setName(name)
                .setConfig(ContainerConfig.newBuilder().setImage("busybox:1").addEnv("X=1")).build());

        assertThat(created.getImageId()).isEqualTo(FakeImageService.BUSYBOX_ID);
        ContainerConfig onNode = node.containers.get(created.getId()).request.getConfig();
        assertThat(onNode.getCmdList()).containsExactly("sh");
        assertThat(onNode.getEnvList()).containsExactly("X=1", "PATH=/bin");
        assertThat(onNode.getLabelsMap()).containsEntry("from", "image");
        assertThat(node.containers.get(created.getId()).request.getImageId()).isEqualTo(FakeImageService.BUSYBOX_ID);
    }

    @Test
    void create_unknownImageIsNotFoundWithDockerTextAndLeavesNothing() {
        String name = unique("noimage");
        Status status = statusOf(() -> service.blocking().createContainer(CreateContainerRequest.newBuilder()
                .setName(name).setConfig(ContainerConfig.newBuilder().setImage("nosuch:1").addCmd("true")).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("No such image: nosuch:1");
        assertThat(statusOf(() -> service.blocking().getContainer(ContainerRef.newBuilder().setRef(name).build()))
                .getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void list_ancestorFilterFindsTheContainersOfAnImage() {
        Container created = create(unique("child"));

        List<String> ofBusybox = service.blocking().listContainers(ListContainersRequest.newBuilder().setAll(true)
                .addFilters(Filter.newBuilder().setKey("ancestor").addValues("busybox:latest")).build())
                .getContainersList().stream().map(Container::getId).toList();
        List<String> ofUnknown = service.blocking().listContainers(ListContainersRequest.newBuilder().setAll(true)
                .addFilters(Filter.newBuilder().setKey("ancestor").addValues("nosuch")).build())
                .getContainersList().stream().map(Container::getId).toList();

        assertThat(ofBusybox).contains(created.getId());
        assertThat(ofUnknown).isEmpty();
    }

    @Test
    void prepareLayer_isForwardedToTheNode_andAnswersWhatItMeasured() {
        PrepareLayerRequest request = PrepareLayerRequest.newBuilder().setIndex(0).addLayers(LayerBlob.newBuilder()
                .setDigest("sha256:" + "1".repeat(64)).setDiffId("sha256:" + "2".repeat(64))).build();

        PreparedLayer measured = service.blocking().prepareLayer(request);

        assertThat(node.prepared).contains(request);
        assertThat(measured.getDiffId()).isEqualTo("sha256:" + "2".repeat(64));
        assertThat(measured.getSize()).isEqualTo(4096);
    }

    @Test
    void get_resolvesIdNameSlashNameAndPrefix() {
        Container created = create(unique("named"));

        assertThat(get(created.getId()).getId()).isEqualTo(created.getId());
        assertThat(get(created.getName()).getId()).isEqualTo(created.getId());
        assertThat(get("/" + created.getName()).getId()).isEqualTo(created.getId());
        assertThat(get(created.getId().substring(0, 12)).getId()).isEqualTo(created.getId());
        Status missing = statusOf(() -> get("no-such-thing"));
        assertThat(missing.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(missing.getDescription()).isEqualTo("No such container: no-such-thing");
    }

    @Test
    void create_withoutNameGeneratesAdjectiveSurname() {
        Container created = create("");

        assertThat(created.getName()).matches("[a-z]+_[a-z_]+\\d?");
    }

    @Test
    void create_duplicateNameIsAlreadyExistsWithDockerText() {
        String name = unique("dup");
        Container first = create(name);

        Status status = statusOf(() -> create("/" + name));

        assertThat(status.getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(status.getDescription()).isEqualTo("Conflict. The container name \"/" + name
                + "\" is already in use by container \"" + first.getId()
                + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    @Test
    void create_invalidNameIsInvalidArgument() {
        Status status = statusOf(() -> create("-bad name"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription())
                .isEqualTo("Invalid container name (-bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    @Test
    void create_nodeFailureLeavesNoRowAndPassesStatusThrough() {
        String name = unique("doomed");
        node.failCreate = Status.INTERNAL.withDescription("disk full");
        try {
            Status status = statusOf(() -> create(name));
            assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(status.getDescription()).isEqualTo("disk full");
        } finally {
            node.failCreate = null;
        }
        assertThat(statusOf(() -> get(name)).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(service.bean(dev.berth.container.store.ContainerRepository.class).findByName(name)).isEmpty();
        create(name);
    }

    @Test
    void waitNextExit_answersWithTheExitCode() {
        Container created = create(unique("exits"));
        WaitStream wait = WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_NEXT_EXIT);

        StartContainerResponse started = start(created.getId());
        assertThat(started.getAlreadyRunning()).isFalse();
        assertThat(started.getContainer().getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
        assertThat(started.getContainer().getState().getPid()).isPositive();
        assertThat(wait.hasNothingYet()).isTrue();
        node.exit(created.getId(), 7);

        assertThat(wait.result().getExitCode()).isEqualTo(7);
        Container after = get(created.getId());
        assertThat(after.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_EXITED);
        assertThat(after.getState().getExitCode()).isEqualTo(7);
        assertThat(after.getState().hasFinishedAt()).isTrue();
        assertThat(after.getState().hasStartedAt()).isTrue();
    }

    @Test
    void start_fastExitIsNotOverwrittenByRunning() {
        for (int i = 0; i < 10; i++) {
            Container created = exitingWith(unique("fast"), 3, false);
            WaitStream wait = WaitStream.registered(service.async, created.getId(),
                    WaitCondition.WAIT_CONDITION_NEXT_EXIT);

            start(created.getId());

            assertThat(wait.result().getExitCode()).isEqualTo(3);
            WaitResult notRunning = WaitStream.registered(service.async, created.getId(),
                    WaitCondition.WAIT_CONDITION_NOT_RUNNING).result();
            assertThat(notRunning.getExitCode()).isEqualTo(3);
            Container after = get(created.getId());
            assertThat(after.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_EXITED);
            assertThat(after.getState().getExitCode()).isEqualTo(3);
        }
    }

    @Test
    void waitNotRunning_answersAtOnceForCreated() {
        Container created = create(unique("idle"));

        WaitResult result = WaitStream.registered(service.async, created.getId(),
                WaitCondition.WAIT_CONDITION_NOT_RUNNING).result();

        assertThat(result.getExitCode()).isZero();
    }

    @Test
    void wait_unknownContainerIsNotFound() {
        Status status = WaitStream.open(service.async, "nope-nope", WaitCondition.WAIT_CONDITION_REMOVED).error();

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("No such container: nope-nope");
    }

    @Test
    void start_runningContainerIsAlreadyRunning() {
        Container created = create(unique("twice"));
        start(created.getId());

        assertThat(start(created.getName()).getAlreadyRunning()).isTrue();
    }

    @Test
    void start_refusedByRuntimeKeepsCreatedWithDockerTextAnd127() {
        Container created = create(unique("nocmd"), c -> c.clearCmd().addCmd("nosuchcmd"), false);

        Status status = statusOf(() -> start(created.getId()));

        String docker = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                + FakeNodeAgent.RUNC_NOT_FOUND + ": unknown";
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo(docker);
        Container after = get(created.getId());
        assertThat(after.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_CREATED);
        assertThat(after.getState().getExitCode()).isEqualTo(127);
        assertThat(after.getState().getError()).isEqualTo(docker);
        assertThat(StartFailure.exitCode(docker)).isEqualTo(127);
    }

    @Test
    void start_refusedAutoRemoveContainerIsRemovedAndRemovedWaitersAnswer() {
        Container created = create(unique("rmnocmd"), c -> c.clearCmd().addCmd("nosuchcmd"), true);
        WaitStream removed = WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_REMOVED);

        assertThat(statusOf(() -> start(created.getId())).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        assertThat(removed.result().getExitCode()).isEqualTo(127);
        assertThat(statusOf(() -> get(created.getId())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(node.containers).doesNotContainKey(created.getId());
    }

    @Test
    void autoRemove_exitRemovesContainerAndAnswersRemovedWaiter() {
        Container created = exitingWith(unique("rm"), 5, true);
        WaitStream removed = WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_REMOVED);

        start(created.getId());

        assertThat(removed.result().getExitCode()).isEqualTo(5);
        assertThat(statusOf(() -> get(created.getId())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(node.removes).anyMatch(r -> r.getContainerId().equals(created.getId()));
    }

    @Test
    void waitRemoved_waitsForAManualRemove() {
        Container created = exitingWith(unique("keep"), 0, false);
        start(created.getId());
        WaitStream removed = WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_REMOVED);
        WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_NOT_RUNNING).result();
        assertThat(removed.hasNothingYet()).isTrue();

        service.blocking().removeContainer(RemoveContainerRequest.newBuilder().setRef(created.getName()).build());

        assertThat(removed.result().getExitCode()).isZero();
    }

    @Test
    void stop_usesConfiguredSignalAndTimeoutAndRecordsExit() {
        Container created = create(unique("stop"), c -> c.setStopSignal("SIGKILL").setStopTimeout(3), false);
        start(created.getId());

        StopContainerResponse stopped = service.blocking().stopContainer(
                StopContainerRequest.newBuilder().setRef(created.getId()).build());

        assertThat(stopped.getAlreadyStopped()).isFalse();
        assertThat(stopped.getContainer().getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_EXITED);
        assertThat(stopped.getContainer().getState().getExitCode()).isEqualTo(137);
        assertThat(node.stops).anyMatch(s -> s.getContainerId().equals(created.getId())
                && s.getSignal().equals("SIGKILL") && s.getTimeoutSeconds() == 3);
        assertThat(service.blocking().stopContainer(StopContainerRequest.newBuilder().setRef(created.getId()).build())
                .getAlreadyStopped()).isTrue();
    }

    @Test
    void stop_defaultsToSigtermAndTen() {
        Container created = create(unique("stopdef"));
        start(created.getId());

        Container after = service.blocking().stopContainer(
                StopContainerRequest.newBuilder().setRef(created.getId()).build()).getContainer();

        assertThat(after.getState().getExitCode()).isEqualTo(143);
        assertThat(node.stops).anyMatch(s -> s.getContainerId().equals(created.getId())
                && s.getSignal().equals("SIGTERM") && s.getTimeoutSeconds() == 10);
    }

    @Test
    void restart_runsAgainWithRestartCountZero() {
        Container created = create(unique("restart"));
        start(created.getId());

        Container restarted = service.blocking().restartContainer(
                StopContainerRequest.newBuilder().setRef(created.getId()).setTimeoutSeconds(1).build());

        assertThat(restarted.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
        assertThat(restarted.getRestartCount()).isZero();
        assertThat(restarted.getState().getExitCode()).isZero();
    }

    @Test
    void restart_autoRemoveContainerIsNotRemoved() {
        Container created = create(unique("restartrm"), c -> { }, true);
        start(created.getId());

        Container restarted = service.blocking().restartContainer(
                StopContainerRequest.newBuilder().setRef(created.getId()).build());

        assertThat(restarted.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
        assertThat(get(created.getId()).getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
    }

    @Test
    void kill_notRunningIsFailedPrecondition() {
        String name = unique("notrunning");
        Container created = create(name);

        Status status = statusOf(() -> service.blocking().killContainer(
                KillContainerRequest.newBuilder().setRef(name).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(status.getDescription())
                .isEqualTo("Cannot kill container: " + name + ": Container " + created.getId() + " is not running");
    }

    @Test
    void kill_defaultSignalKillsAndRecordsExit() {
        Container created = create(unique("kill"));
        start(created.getId());

        Container killed = service.blocking().killContainer(
                KillContainerRequest.newBuilder().setRef(created.getId()).build());

        assertThat(killed.getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_EXITED);
        assertThat(killed.getState().getExitCode()).isEqualTo(137);
    }

    @Test
    void kill_invalidSignalPassesNodeStatusThrough() {
        Container created = create(unique("badsig"));
        start(created.getId());

        Status status = statusOf(() -> service.blocking().killContainer(
                KillContainerRequest.newBuilder().setRef(created.getId()).setSignal("BOGUS").build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo("Invalid signal: BOGUS");
        assertThat(get(created.getId()).getState().getStatus()).isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
    }

    @Test
    void remove_runningWithoutForceIsRefusedWithDockerText() {
        String name = unique("busy");
        Container created = create(name);
        start(created.getId());

        Status status = statusOf(() -> service.blocking().removeContainer(
                RemoveContainerRequest.newBuilder().setRef(created.getId()).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(status.getDescription()).isEqualTo("cannot remove container \"/" + name
                + "\": container is running: stop the container before removing or force remove");
    }

    @Test
    void remove_forceRemovesRunningContainer() {
        Container created = create(unique("force"));
        start(created.getId());
        WaitStream removed = WaitStream.registered(service.async, created.getId(), WaitCondition.WAIT_CONDITION_REMOVED);

        service.blocking().removeContainer(
                RemoveContainerRequest.newBuilder().setRef(created.getId()).setForce(true).build());

        assertThat(removed.result().getExitCode()).isEqualTo(137);
        assertThat(statusOf(() -> get(created.getId())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(node.removes).anyMatch(r -> r.getContainerId().equals(created.getId()) && r.getForce());
    }

    @Test
    void remove_inProgressTwiceIsRefused() throws Exception {
        Container created = create(unique("slowrm"));
        node.holdRemove = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = executor.submit(() -> service.blocking().removeContainer(
                    RemoveContainerRequest.newBuilder().setRef(created.getId()).build()));
            Eventually.await("removing", () -> get(created.getId()).getState().getStatus()
                    == ContainerStatus.CONTAINER_STATUS_REMOVING);

            Status status = statusOf(() -> service.blocking().removeContainer(
                    RemoveContainerRequest.newBuilder().setRef(created.getId()).build()));

            assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(status.getDescription())
                    .isEqualTo("removal of container " + created.getId() + " is already in progress");
            node.holdRemove.countDown();
            first.get();
        } finally {
            node.holdRemove.countDown();
            node.holdRemove = null;
            executor.shutdownNow();
        }
    }

    @Test
    void list_showsRunningByDefaultNewestFirstAndHonoursFilters() {
        String label = unique("suite");
        Consumer<ContainerConfig.Builder> labelled = c -> c.putLabels("suite", label).putLabels("tier", "web");
        Container idle = create(unique("idle"), labelled, false);
        Container first = create(unique("run1"), labelled, false);
        Container second = create(unique("run2"), labelled, false);
        start(first.getId());
        start(second.getId());
        Filter suite = Filter.newBuilder().setKey("label").addValues("suite=" + label).build();

        assertThat(names(ListContainersRequest.newBuilder().addFilters(suite)))
                .containsExactly(second.getName(), first.getName());
        assertThat(names(ListContainersRequest.newBuilder().setAll(true).addFilters(suite)))
                .containsExactly(second.getName(), first.getName(), idle.getName());
        assertThat(names(ListContainersRequest.newBuilder().setLimit(1).addFilters(suite)))
                .containsExactly(second.getName());
        assertThat(names(ListContainersRequest.newBuilder().addFilters(suite)
                .addFilters(Filter.newBuilder().setKey("status").addValues("created"))))
                .containsExactly(idle.getName());
        assertThat(names(ListContainersRequest.newBuilder().setAll(true).addFilters(suite)
                .addFilters(Filter.newBuilder().setKey("name").addValues(first.getName()))))
                .containsExactly(first.getName());
        assertThat(names(ListContainersRequest.newBuilder().setAll(true).addFilters(suite)
                .addFilters(Filter.newBuilder().setKey("id").addValues(idle.getId().substring(0, 10)))))
                .containsExactly(idle.getName());
        assertThat(names(ListContainersRequest.newBuilder().setAll(true).addFilters(suite)
                .addFilters(Filter.newBuilder().setKey("label").addValues("tier=db"))))
                .isEmpty();
    }

    @Test
    void list_invalidFiltersAreInvalidArgument() {
        Status badStatus = statusOf(() -> service.blocking().listContainers(ListContainersRequest.newBuilder()
                .addFilters(Filter.newBuilder().setKey("status").addValues("xyz")).build()));
        Status badKey = statusOf(() -> service.blocking().listContainers(ListContainersRequest.newBuilder()
                .addFilters(Filter.newBuilder().setKey("foo").addValues("bar")).build()));

        assertThat(badStatus.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(badStatus.getDescription()).isEqualTo("invalid filter 'status=xyz'");
        assertThat(badKey.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(badKey.getDescription()).isEqualTo("invalid filter 'foo'");
    }

    @Test
    void concurrent_twentyContainersExitWithTheirOwnCodes() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(20);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int code = i + 1;
                boolean autoRemove = i % 2 == 0;
                runs.add(executor.submit(() -> {
                    Container created = exitingWith("", code, autoRemove);
                    WaitStream wait = WaitStream.registered(service.async, created.getId(), autoRemove
                            ? WaitCondition.WAIT_CONDITION_REMOVED : WaitCondition.WAIT_CONDITION_NEXT_EXIT);
                    start(created.getId());
                    return new int[] {code, wait.result().getExitCode()};
                }));
            }
            for (Future<int[]> run : runs) {
                int[] codes = run.get();
                assertThat(codes[1]).isEqualTo(codes[0]);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<String> names(ListContainersRequest.Builder request) {
        return service.blocking().listContainers(request.build()).getContainersList().stream()
                .map(Container::getName).toList();
    }
}

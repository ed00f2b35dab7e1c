package dev.berth.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.berth.node.nativ.Trees;
import dev.berth.node.support.TestBridges;
import dev.berth.node.support.BusyboxImage;
import dev.berth.node.support.FakeImageService;
import dev.berth.proto.v1.AttachOpen;
import dev.berth.proto.v1.AttachRequest;
import dev.berth.proto.v1.AttachResponse;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.LogEntry;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeStartRequest;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeStartResponse;
import dev.berth.proto.v1.NodeEvent;
import dev.berth.proto.v1.NodeEventType;
import dev.berth.proto.v1.NodeExit;
import dev.berth.proto.v1.NodeKillRequest;
import dev.berth.proto.v1.NodeRemoveRequest;
import dev.berth.proto.v1.NodeStopRequest;
import dev.berth.proto.v1.OutputStream;
import dev.berth.proto.v1.ReadLogsRequest;
import dev.berth.proto.v1.WatchEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Real containers through the NodeAgent gRPC API: needs root, runc and conmon (present on CI). */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeAgentIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeImageService IMAGES = new FakeImageService();
    private static final Path DATA;
    private static final int IMAGE_PORT;
    private static final int AGENT_PORT;
    private static final String IMAGE_ID = "sha256:" + "b".repeat(64);
    private static final String LAYERED_IMAGE_ID = "sha256:" + "c".repeat(64);
    private static final List<String> CREATED = new ArrayList<>();

    static {
        try {
            DATA = Files.createTempDirectory("berth-node-it");
            IMAGE_PORT = IMAGES.start();
            IMAGES.addImage(IMAGE_ID, BusyboxImage.layerTar());
            IMAGES.addImage(LAYERED_IMAGE_ID, BusyboxImage.layerTar(), BusyboxImage.whiteoutLayerTar());
            try (ServerSocket socket = new ServerSocket(0)) {
                AGENT_PORT = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("berth.node.root", () -> DATA.resolve("root").toString());
        registry.add("berth.node.run-root", () -> DATA.resolve("run").toString());
        registry.add("berth.node.image-service-address", () -> "127.0.0.1:" + IMAGE_PORT);
        // A bridge of its own: the host's berth0 may belong to running services with another data root.
        registry.add("berth.node.network.bridge-name", () -> "berth-it0");
        registry.add("berth.node.network.pools", () -> "10.232.0.0/16,10.234.0.0/16");
        registry.add("spring.grpc.server.port", () -> AGENT_PORT);
    }

    @LocalServerPort
    private int httpPort;
    private ManagedChannel channel;
    private NodeAgentGrpc.NodeAgentBlockingStub agent;
    private final Map<String, CompletableFuture<NodeEvent>> exits = new ConcurrentHashMap<>();

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", AGENT_PORT).usePlaintext().build();
        agent = NodeAgentGrpc.newBlockingStub(channel);
        NodeAgentGrpc.newStub(channel).watchEvents(WatchEventsRequest.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(NodeEvent event) {
                if (event.getType() == NodeEventType.NODE_EVENT_TYPE_EXITED) {
                    exitOf(event.getContainerId()).complete(event);
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    @AfterAll
    void cleanUp() throws Exception {
        for (String id : CREATED) {
            agent.removeContainer(NodeRemoveRequest.newBuilder().setContainerId(id).setForce(true).build());
        }
        channel.shutdownNow();
        IMAGES.stop();
        // Runs leave their networks in the background: wait for their namespaces to be unmounted.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (Files.readString(Path.of("/proc/mounts")).contains(DATA.toString()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String mounts = Files.readString(Path.of("/proc/mounts"));
        assertThat(mounts).doesNotContain(DATA.toString());
        TestBridges.delete("berth-it0");
        Process list = new ProcessBuilder("/usr/sbin/runc", "list", "-q").redirectErrorStream(true).start();
        String runcIds = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        for (String id : CREATED) {
            assertThat(runcIds).doesNotContain(id);
        }
        assertThat(Files.exists(DATA.resolve("root/containers")) ? Files.list(DATA.resolve("root/containers")).count() : 0).isZero();
        Trees.deleteRecursively(DATA);
    }

    @Test
    void echo_attachReceivesExactOutput() throws Exception {
        String id = create(config("echo", "hello"));
        Attachment attachment = attach(id, false);
        agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("hello\n");
        assertThat(attachment.stderr()).isEmpty();
        assertThat(exit(id).getExit().getExitCode()).isZero();
    }

    @Test
    void shell_separatesStreamsAndReportsExitCode() throws Exception {
        String id = create(config("sh", "-c", "echo out; echo err >&2; exit 3"));
        Attachment attachment = attach(id, false);
        agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("out\n");
        assertThat(attachment.stderr()).isEqualTo("err\n");
        assertThat(exit(id).getExit().getExitCode()).isEqualTo(3);
    }

    @Test
    void start_unknownCommand_isInvalidArgumentWithRuncMessage() throws Exception {
        String id = create(config("nosuchcmd"));
        assertThatThrownBy(() -> agent.startContainer(start(id)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("executable file not found in $PATH")
                            .contains("nosuchcmd");
                });
        assertThatThrownBy(() -> agent.startContainer(start(id)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void start_notExecutable_isPermissionDenied() throws Exception {
        String id = create(config("/etc/notexec"));
        assertThatThrownBy(() -> agent.startContainer(start(id)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("permission denied");
                });
    }

    @Test
    void create_unknownUser_isInvalidArgument() {
        ContainerConfig config = config("true").toBuilder().setUser("nobody2").build();
        assertThatThrownBy(() -> create(config))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("unable to find user nobody2: no matching entries in passwd file");
                });
    }

    @Test
    void stop_sleepingContainer_exitsWithinTimeout() throws Exception {
        String id = create(config("sleep", "300"));
        agent.startContainer(start(id));
        long started = System.nanoTime();
        NodeExit exit = agent.stopContainer(NodeStopRequest.newBuilder().setContainerId(id).setTimeoutSeconds(2).build());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // busybox sleep as pid 1 ignores SIGTERM: the SIGKILL after the timeout ends it (128 + 9)
        assertThat(exit.getExitCode()).isEqualTo(137);
        assertThat(exit.getRunId()).isEqualTo(1);
    }

    @Test
    void kill_withSignalName_andBadSignal() throws Exception {
        String id = create(config("sleep", "300"));
        agent.startContainer(start(id));
        assertThatThrownBy(() -> agent.killContainer(NodeKillRequest.newBuilder().setContainerId(id).setSignal("NOPE").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Invalid signal: NOPE");
                });
        agent.killContainer(NodeKillRequest.newBuilder().setContainerId(id).setSignal("SIGKILL").build());
        assertThat(exit(id).getExit().getExitCode()).isEqualTo(137);
    }

    @Test
    void readLogs_tailAndStreams() throws Exception {
        String id = create(config("sh", "-c", "echo one; echo two; echo three; echo oops >&2; printf last"));
        agent.startContainer(start(id));
        exit(id);
        List<LogEntry> all = logs(ReadLogsRequest.newBuilder().setContainerId(id).setStdout(true).setStderr(true).setTail(-1).build());
        assertThat(all).extracting(e -> e.getData().toStringUtf8()).containsExactlyInAnyOrder("one\n", "two\n", "three\n", "oops\n", "last");
        List<LogEntry> tail = logs(ReadLogsRequest.newBuilder().setContainerId(id).setStdout(true).setTail(2).build());
        assertThat(tail).extracting(e -> e.getData().toStringUtf8()).containsExactly("three\n", "last");
        List<LogEntry> errors = logs(ReadLogsRequest.newBuilder().setContainerId(id).setStderr(true).setTail(-1).build());
        assertThat(errors).extracting(LogEntry::getStream).containsExactly(OutputStream.OUTPUT_STREAM_STDERR);
    }

    @Test
    void readLogs_follow_endsWhenContainerExits() throws Exception {
        String id = create(config("sh", "-c", "echo a; sleep 1; echo b"));
        agent.startContainer(start(id));
        List<LogEntry> entries = logs(ReadLogsRequest.newBuilder().setContainerId(id).setStdout(true).setFollow(true).setTail(-1).build());
        assertThat(entries).extracting(e -> e.getData().toStringUtf8()).containsExactly("a\n", "b\n");
    }

    @Test
    void stdin_catEchoesBack() throws Exception {
        ContainerConfig config = config("cat").toBuilder().setOpenStdin(true).setAttachStdin(true).build();
        String id = create(config);
        Attachment attachment = attach(id, true);
        attachment.requests.onNext(AttachRequest.newBuilder().setStdin(ByteString.copyFromUtf8("ping\npong\n")).build());
        attachment.requests.onNext(AttachRequest.newBuilder().setCloseStdin(true).build());
        agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("ping\npong\n");
        assertThat(exit(id).getExit().getExitCode()).isZero();
    }

    @Test
    void twentyContainers_startedAtOnce_exitWithTheirOwnCodes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(create(config("sh", "-c", "exit " + i)));
        }
        List<CompletableFuture<?>> starts = new ArrayList<>();
        NodeAgentGrpc.NodeAgentFutureStub futures = NodeAgentGrpc.newFutureStub(channel);
        for (String id : ids) {
            CompletableFuture<Object> started = new CompletableFuture<>();
            com.google.common.util.concurrent.ListenableFuture<?> call = futures.startContainer(start(id));
            call.addListener(() -> started.complete(null), Runnable::run);
            starts.add(started);
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            assertThat(exit(ids.get(i)).getExit().getExitCode()).isEqualTo(i);
        }
    }

    @Test
    void remove_unknownContainer_isNotAnError() {
        agent.removeContainer(NodeRemoveRequest.newBuilder().setContainerId(randomId()).build());
    }

    @Test
    void create_sameImageTwice_unpacksLayerOnce() throws Exception {
        int before = IMAGES.blobReads();
        create(config("true"));
        create(config("true"));
        assertThat(IMAGES.blobReads() - before).isLessThanOrEqualTo(1);
        String chainHex = BusyboxImage.sha256(BusyboxImage.layerTar()).substring("sha256:".length());
        assertThat(DATA.resolve("root/snapshots").resolve(chainHex).resolve("fs/bin/busybox")).isRegularFile();
    }

    @Test
    void tty_outputComesAsStdoutWithCrLf() throws Exception {
        String id = create(config("echo", "hi").toBuilder().setTty(true).build());
        Attachment attachment = attach(id, false);
        agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("hi\r\n");
    }

    @Test
    void defaultNetwork_hasItsBridgeInterfaceAndLoopbackUp_andHostnameIsShortId() throws Exception {
        String id = create(config("sh", "-c", "ls /sys/class/net; cat /sys/class/net/lo/operstate; hostname; cat /etc/hostname"));
        Attachment attachment = attach(id, false);
        NodeStartResponse started = agent.startContainer(start(id));
        attachment.awaitEnd();
        String shortId = id.substring(0, 12);
        assertThat(attachment.stdout()).isEqualTo("eth0\nlo\nunknown\n" + shortId + "\n" + shortId + "\n");
        assertThat(started.getNetwork().getIpAddress()).startsWith("10.23");
        assertThat(started.getNetwork().getGateway()).endsWith(".0.1");
    }

    @Test
    void networkNone_hasOnlyLoopbackUp() throws Exception {
        String id = randomId();
        agent.createContainer(NodeCreateRequest.newBuilder().setContainerId(id).setImageId(IMAGE_ID)
                .setConfig(config("ls", "/sys/class/net"))
                .setHostConfig(HostConfig.newBuilder().setNetworkMode("none")).build());
        CREATED.add(id);
        Attachment attachment = attach(id, false);
        NodeStartResponse started = agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("lo\n");
        assertThat(started.hasNetwork()).isFalse();
    }

    @Test
    void user_byName_runsWithItsIds() throws Exception {
        String id = create(config("id").toBuilder().setUser("app").build());
        Attachment attachment = attach(id, false);
        agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).startsWith("uid=1000(app) gid=1000(app)");
    }

    @Test
    void layeredImage_whiteoutHidesLowerFile() throws Exception {
        String id = randomId();
        agent.createContainer(NodeCreateRequest.newBuilder().setContainerId(id).setImageId(LAYERED_IMAGE_ID)
                .setConfig(config("sh", "-c", "test -e /etc/notexec && echo present || echo gone; cat /etc/added")).build());
        CREATED.add(id);
        Attachment attachment = attach(id, false);
        agent.startContainer(start(id));
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("gone\nadded\n");
    }

    @Test
    void restart_exitedContainer_runsAgainAndAppendsLogs() throws Exception {
        String id = create(config("echo", "again"));
        assertThat(agent.startContainer(start(id)).getRunId()).isEqualTo(1);
        assertThat(exit(id).getExit().getRunId()).isEqualTo(1);
        exits.remove(id);
        Attachment attachment = attach(id, false);
        assertThat(agent.startContainer(start(id)).getRunId()).isEqualTo(2);
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEqualTo("again\n");
        NodeEvent second = exit(id);
        assertThat(second.getRunId()).isEqualTo(2);
        assertThat(second.getExit().getRunId()).isEqualTo(2);
        List<LogEntry> all = logs(ReadLogsRequest.newBuilder().setContainerId(id).setStdout(true).setTail(-1).build());
        assertThat(all).extracting(e -> e.getData().toStringUtf8()).containsExactly("again\n", "again\n");
    }

    @Test
    void remove_runningWithoutForce_isFailedPrecondition_withForce_removes() throws Exception {
        String id = create(config("sleep", "300"));
        agent.startContainer(start(id));
        assertThatThrownBy(() -> agent.removeContainer(NodeRemoveRequest.newBuilder().setContainerId(id).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        agent.removeContainer(NodeRemoveRequest.newBuilder().setContainerId(id).setForce(true).build());
        assertThat(DATA.resolve("root/containers").resolve(id)).doesNotExist();
        assertThatThrownBy(() -> agent.startContainer(start(id)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void attach_toCreatedContainer_endsWhenItIsRemoved() throws Exception {
        String id = create(config("true"));
        Attachment attachment = attach(id, false);
        agent.removeContainer(NodeRemoveRequest.newBuilder().setContainerId(id).build());
        attachment.awaitEnd();
        assertThat(attachment.stdout()).isEmpty();
    }

    @Test
    void actuator_exposesHealthAndNodeMeters() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("UP");
        java.net.http.HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("berth_node_containers_running").contains("berth_node_tasks_queued");
    }

    @Test
    void stdin_oneMebibyteRoundTrip_isByteExact() throws Exception {
        byte[] payload = new byte[1 << 20];
        ThreadLocalRandom.current().nextBytes(payload);
        String id = create(config("cat").toBuilder().setOpenStdin(true).build());
        Attachment attachment = attach(id, true);
        // Half before the start (as the docker CLI may send it), half after.
        int half = payload.length / 2;
        sendStdin(attachment, payload, 0, half);
        agent.startContainer(start(id));
        sendStdin(attachment, payload, half, payload.length);
        attachment.requests.onNext(AttachRequest.newBuilder().setCloseStdin(true).build());
        attachment.awaitEnd();
        assertThat(attachment.stdoutBytes()).isEqualTo(payload);
    }

    @Test
    void hostNetwork_seesTheHostsInterfaces() throws Exception {
        String id = randomId();
        agent.createContainer(NodeCreateRequest.newBuilder().setContainerId(id).setImageId(IMAGE_ID)
                .setConfig(config("ls", "/sys/class/net")).setHostConfig(HostConfig.newBuilder().setNetworkMode("host")).build());
        CREATED.add(id);
        Attachment attachment = attach(id, false);
        agent.startContainer(start(id));
        attachment.awaitEnd();
        try (var hostInterfaces = Files.list(Path.of("/sys/class/net"))) {
            assertThat(attachment.stdout().split("\\s+")).hasSize((int) hostInterfaces.count());
        }
    }

    @Test
    void attach_unknownContainer_isNotFound() throws Exception {
        Attachment attachment = new Attachment();
        attachment.requests = NodeAgentGrpc.newStub(channel).attach(attachment);
        attachment.requests.onNext(AttachRequest.newBuilder().setOpen(AttachOpen.newBuilder().setContainerId(randomId())).build());
        assertThat(attachment.ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Status.fromThrowable(attachment.error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    // ---- helpers

    private static void sendStdin(Attachment attachment, byte[] payload, int from, int to) {
        for (int offset = from; offset < to; offset += 32768) {
            attachment.requests.onNext(AttachRequest.newBuilder()
                    .setStdin(ByteString.copyFrom(payload, offset, Math.min(32768, to - offset))).build());
        }
    }

    private static ContainerConfig config(String... cmd) {
        return ContainerConfig.newBuilder().addAllCmd(List.of(cmd)).setAttachStdout(true).setAttachStderr(true).build();
    }

    private String create(ContainerConfig config) {
        String id = randomId();
        agent.createContainer(NodeCreateRequest.newBuilder().setContainerId(id).setName("c" + id.substring(0, 6))
                .setImageId(IMAGE_ID).setConfig(config).setHostConfig(HostConfig.newBuilder().setNetworkMode("default")).build());
        CREATED.add(id);
        return id;
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static NodeStartRequest start(String id) {
        return NodeStartRequest.newBuilder().setContainerId(id).build();
    }

    private static NodeContainerRef ref(String id) {
        return NodeContainerRef.newBuilder().setContainerId(id).build();
    }

    private CompletableFuture<NodeEvent> exitOf(String id) {
        return exits.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    private NodeEvent exit(String id) throws Exception {
        return exitOf(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private List<LogEntry> logs(ReadLogsRequest request) {
        List<LogEntry> entries = new ArrayList<>();
        Iterator<LogEntry> it = agent.withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS).readLogs(request);
        it.forEachRemaining(entries::add);
        return entries;
    }

    private Attachment attach(String id, boolean stdin) throws InterruptedException {
        Attachment attachment = new Attachment();
        attachment.requests = NodeAgentGrpc.newStub(channel).attach(attachment);
        attachment.requests.onNext(AttachRequest.newBuilder().setOpen(AttachOpen.newBuilder().setContainerId(id)
                .setStdin(stdin).setStdout(true).setStderr(true).setStream(true)).build());
        assertThat(attachment.ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return attachment;
    }

    private static final class Attachment implements StreamObserver<AttachResponse> {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        volatile Throwable error;
        StreamObserver<AttachRequest> requests;

        @Override
        public synchronized void onNext(AttachResponse response) {
            if (response.hasReady()) {
                ready.countDown();
            } else if (response.getOutput().getStream() == OutputStream.OUTPUT_STREAM_STDERR) {
                err.writeBytes(response.getOutput().getData().toByteArray());
            } else {
                out.writeBytes(response.getOutput().getData().toByteArray());
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            ended.countDown();
        }

        @Override
        public void onCompleted() {
            requests.onCompleted();
            ended.countDown();
        }

        void awaitEnd() throws InterruptedException {
            assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(error).isNull();
        }

        synchronized String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized byte[] stdoutBytes() {
            return out.toByteArray();
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

}

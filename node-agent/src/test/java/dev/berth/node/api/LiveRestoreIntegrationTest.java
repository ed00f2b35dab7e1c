package dev.berth.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.NodeAgentApplication;
import dev.berth.node.nativ.Native;
import dev.berth.node.nativ.Trees;
import dev.berth.node.support.TestBridges;
import dev.berth.node.support.BusyboxImage;
import dev.berth.node.support.FakeImageService;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeContainerStatus;
import dev.berth.proto.v1.NodeCreateRequest;
import dev.berth.proto.v1.NodeEvent;
import dev.berth.proto.v1.NodeEventType;
import dev.berth.proto.v1.NodeKillRequest;
import dev.berth.proto.v1.NodeRemoveRequest;
import dev.berth.proto.v1.WatchEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A restarted node-agent re-adopts running containers, collects exits and reports lost ones. Needs root, runc, conmon. */
@Tag("integration")
class LiveRestoreIntegrationTest {

    private static final String IMAGE_ID = "sha256:" + "d".repeat(64);

    private final FakeImageService images = new FakeImageService();
    private Path data;
    private ConfigurableApplicationContext agent;
    private ManagedChannel channel;

    @AfterEach
    void cleanUp() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (agent != null) {
            agent.close();
        }
        images.stop();
        assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(data.toString());
        Trees.deleteRecursively(data);
        TestBridges.delete("berth-it1");
    }

    @Test
    void restart_readoptsRunning_collectsExitWrittenWhileDown_reportsLostExit() throws Exception {
        data = Files.createTempDirectory("berth-node-restore");
        int imagePort = images.start();
        images.addImage(IMAGE_ID, BusyboxImage.layerTar());

        NodeAgentGrpc.NodeAgentBlockingStub first = startAgent(imagePort);
        String running = createAndStart(first, "sleep", "300");
        String exitsWhileDown = createAndStart(first, "sleep", "300");
        String loses = createAndStart(first, "sleep", "300");
        stopAgent();

        runc("kill", exitsWhileDown, "9");
        Path exitFile = data.resolve("run/exits").resolve(exitsWhileDown);
        await(() -> Files.exists(exitFile));
        int conmonPid = Integer.parseInt(Files.readString(data.resolve("run").resolve(loses).resolve("conmon.pid")).trim());
        Native.posix().kill(conmonPid, 9);
        await(() -> !Native.isAlive(conmonPid));

        NodeAgentGrpc.NodeAgentBlockingStub second = startAgent(imagePort);
        BlockingQueue<NodeEvent> events = watch();
        Map<String, NodeEvent> snapshot = new java.util.HashMap<>();
        NodeEvent event;
        while ((event = events.poll(30, TimeUnit.SECONDS)).getType() != NodeEventType.NODE_EVENT_TYPE_SYNCED) {
            snapshot.put(event.getContainerId(), event);
        }
        assertThat(snapshot.get(running).getStatus()).isEqualTo(NodeContainerStatus.NODE_CONTAINER_STATUS_RUNNING);
        assertThat(snapshot.get(exitsWhileDown).getStatus()).isEqualTo(NodeContainerStatus.NODE_CONTAINER_STATUS_EXITED);
        assertThat(snapshot.get(exitsWhileDown).getExit().getExitCode()).isEqualTo(137);
        assertThat(snapshot.get(loses).getStatus()).isEqualTo(NodeContainerStatus.NODE_CONTAINER_STATUS_EXITED);
        assertThat(snapshot.get(loses).getExit().getExitCodeLost()).isTrue();

        second.killContainer(NodeKillRequest.newBuilder().setContainerId(running).setSignal("KILL").build());
        NodeEvent exited;
        do {
            exited = events.poll(30, TimeUnit.SECONDS);
        } while (!(exited.getType() == NodeEventType.NODE_EVENT_TYPE_EXITED && exited.getContainerId().equals(running)));
        assertThat(exited.getExit().getExitCode()).isEqualTo(137);

        for (String id : List.of(running, exitsWhileDown, loses)) {
            second.removeContainer(NodeRemoveRequest.newBuilder().setContainerId(id).setForce(true).build());
        }
        String list = runc("list", "-q");
        assertThat(list).doesNotContain(running).doesNotContain(exitsWhileDown).doesNotContain(loses);
    }

    private NodeAgentGrpc.NodeAgentBlockingStub startAgent(int imagePort) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Command-line arguments: they outrank application.yaml (default properties would not).
        agent = new SpringApplicationBuilder(NodeAgentApplication.class).run(
                "--berth.node.root=" + data.resolve("root"),
                "--berth.node.run-root=" + data.resolve("run"),
                "--berth.node.network.bridge-name=berth-it1",
                "--berth.node.network.pools=10.233.0.0/16,10.235.0.0/16",
                "--berth.node.image-service-address=127.0.0.1:" + imagePort,
                "--spring.grpc.server.port=" + port,
                "--server.port=0");
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        return NodeAgentGrpc.newBlockingStub(channel);
    }

    private void stopAgent() {
        channel.shutdownNow();
        agent.close();
        agent = null;
    }

    private BlockingQueue<NodeEvent> watch() {
        BlockingQueue<NodeEvent> events = new LinkedBlockingQueue<>();
        NodeAgentGrpc.newStub(channel).watchEvents(WatchEventsRequest.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(NodeEvent value) {
                events.add(value);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        return events;
    }

    private static String createAndStart(NodeAgentGrpc.NodeAgentBlockingStub stub, String... cmd) {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        stub.createContainer(NodeCreateRequest.newBuilder().setContainerId(id).setImageId(IMAGE_ID)
                .setConfig(ContainerConfig.newBuilder().addAllCmd(List.of(cmd))).build());
        stub.startContainer(dev.berth.proto.v1.NodeStartRequest.newBuilder().setContainerId(id).build());
        return id;
    }

    private static String runc(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/runc"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    /** Polls a condition that an outside process makes true (no event to wait on). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}

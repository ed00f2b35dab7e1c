package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.berth.gateway.api.DockerApiException;

import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.LayerBlob;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PullLayers;
import dev.berth.proto.v1.LayerPhase;
import dev.berth.proto.v1.LayerProgress;
import dev.berth.proto.v1.LayerUnpacked;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.PullImageMessage;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import dev.berth.proto.v1.PullResult;
import dev.berth.proto.v1.PullStarted;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

/** The pull call as the controller drives it, over the in-process transport to a scripted image-service. */
class ImagePullsTest {

    private static final String LAYER = "sha256:" + "ab".repeat(32);

    private final AtomicReference<Script> script = new AtomicReference<>();
    private final AtomicReference<PullImageRequest> received = new AtomicReference<>();
    private final List<LayerUnpacked> reports = new CopyOnWriteArrayList<>();
    private final List<PrepareLayerRequest> prepared = new CopyOnWriteArrayList<>();
    private final AtomicReference<Status> prepareFailure = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;
    private ImagePulls pulls;

    /**
     * What the scripted service answers: these events, then the failure (null: completed). The
     * events from the first "Pull complete" or RESULT on wait until the gateway has reported
     * {@code reports} unpacks, as image-service's do.
     */
    private record Script(List<PullProgress> events, Status failure, int reports) {
        Script(List<PullProgress> events, Status failure) {
            this(events, failure, 0);
        }
    }

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(new ImageServiceGrpc.ImageServiceImplBase() {
            @Override
            public StreamObserver<PullImageMessage> pullImage(StreamObserver<PullProgress> responses) {
                return new StreamObserver<>() {
                    private int next;

                    @Override
                    public void onNext(PullImageMessage message) {
                        if (message.hasRequest()) {
                            received.set(message.getRequest());
                        } else {
                            reports.add(message.getUnpacked());
                        }
                        answer();
                    }

                    private void answer() {
                        List<PullProgress> events = script.get().events();
                        while (next < events.size()
                                && (!waitsForReports(events.get(next)) || reports.size() >= script.get().reports())) {
                            responses.onNext(events.get(next++));
                        }
                        if (next == events.size()) {
                            next++;
                            if (script.get().failure() == null) {
                                responses.onCompleted();
                            } else {
                                responses.onError(script.get().failure().asRuntimeException());
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                };
            }
        }).addService(new ContainerServiceGrpc.ContainerServiceImplBase() {
            @Override
            public void prepareLayer(PrepareLayerRequest request, StreamObserver<PreparedLayer> response) {
                prepared.add(request);
                if (prepareFailure.get() != null) {
                    response.onError(prepareFailure.get().asRuntimeException());
                    return;
                }
                LayerBlob layer = request.getLayers(request.getIndex());
                response.onNext(PreparedLayer.newBuilder().setDiffId(layer.getDiffId()).setSize(100 + request.getIndex())
                        .build());
                response.onCompleted();
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        pulls = new ImagePulls(ImageServiceGrpc.newStub(channel), ContainerServiceGrpc.newStub(channel));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void start_passesReferencePlatformAndAuthThrough() throws Exception {
        script.set(new Script(List.of(started()), null));

        write(pulls.start("x/y:t", "linux/arm64", "e30="));

        assertThat(received.get()).isEqualTo(PullImageRequest.newBuilder()
                .setReference("x/y:t").setPlatform("linux/arm64").setRegistryAuth("e30=").setUnpackedByCaller(true)
                .build());
    }

    @Test
    void writeTo_wholePull_isDockersJsonLinesAndFlushesEach() throws Exception {
        script.set(new Script(List.of(started(), layer(LayerPhase.PULLING_FS_LAYER), layer(LayerPhase.PULL_COMPLETE),
                PullProgress.newBuilder().setResult(PullResult.newBuilder().setManifestDigest("sha256:" + "d".repeat(64))
                        .setReference("127.0.0.1:5000/x/y:t")).build()), null));
        MockHttpServletResponse response = new MockHttpServletResponse();

        String body = write(pulls.start("127.0.0.1:5000/x/y:t", "", ""), response);

        assertThat(body.lines()).containsExactly(
                "{\"status\":\"Pulling from x/y\",\"id\":\"t\"}",
                "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"abababababab\"}",
                "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"abababababab\"}",
                "{\"status\":\"Digest: sha256:" + "d".repeat(64) + "\"}",
                "{\"status\":\"Status: Downloaded newer image for 127.0.0.1:5000/x/y:t\"}");
        assertThat(response.isCommitted()).isTrue();
    }

    @Test
    void writeTo_layersKnown_eachIsUnpackedOnTheNodesAsItsDownloadStarts_andWhatTheyMeasuredIsReported()
            throws Exception {
        LayerBlob bottom = LayerBlob.newBuilder().setDigest("sha256:" + "01".repeat(32))
                .setDiffId("sha256:" + "02".repeat(32)).setMediaType("application/vnd.docker.image.rootfs.diff.tar.gzip").build();
        LayerBlob top = bottom.toBuilder().setDigest(LAYER).setDiffId("sha256:" + "03".repeat(32)).build();
        script.set(new Script(List.of(started(),
                PullProgress.newBuilder().setLayers(PullLayers.newBuilder().addLayers(bottom).addLayers(top)).build(),
                layer(bottom.getDigest(), LayerPhase.ALREADY_EXISTS), layer(LayerPhase.PULLING_FS_LAYER),
                layer(LayerPhase.DOWNLOADING), layer(LayerPhase.DOWNLOAD_COMPLETE), layer(LayerPhase.PULL_COMPLETE),
                result()), null, 2));

        String body = write(pulls.start("127.0.0.1:5000/x/y:t", "", ""));

        assertThat(prepared).extracting(PrepareLayerRequest::getIndex).containsExactlyInAnyOrder(0, 1);
        assertThat(prepared).allSatisfy(r -> assertThat(r.getLayersList()).containsExactly(bottom, top));
        assertThat(reports).containsExactlyInAnyOrder(
                LayerUnpacked.newBuilder().setDigest(bottom.getDigest()).setMeasured(PreparedLayer.newBuilder()
                        .setDiffId(bottom.getDiffId()).setSize(100)).build(),
                LayerUnpacked.newBuilder().setDigest(top.getDigest()).setMeasured(PreparedLayer.newBuilder()
                        .setDiffId(top.getDiffId()).setSize(101)).build());
        assertThat(body.lines()).containsExactly(
                "{\"status\":\"Pulling from x/y\",\"id\":\"t\"}",
                "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"010101010101\"}",
                "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"abababababab\"}",
                "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":0,\"total\":0},\"progress\":\"\",\"id\":"
                        + "\"abababababab\"}",
                "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"abababababab\"}",
                "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"abababababab\"}",
                "{\"status\":\"Digest: sha256:" + "d".repeat(64) + "\"}",
                "{\"status\":\"Status: Downloaded newer image for 127.0.0.1:5000/x/y:t\"}");
    }

    @Test
    void writeTo_unpackFailsOnANode_failsThePull() throws Exception {
        prepareFailure.set(Status.UNAVAILABLE.withDescription("node-agent local at 127.0.0.1:9103 is unavailable"));
        LayerBlob only = LayerBlob.newBuilder().setDigest(LAYER).setDiffId("sha256:" + "03".repeat(32)).build();
        script.set(new Script(List.of(started(),
                PullProgress.newBuilder().setLayers(PullLayers.newBuilder().addLayers(only)).build(),
                layer(LayerPhase.DOWNLOAD_COMPLETE), layer(LayerPhase.PULL_COMPLETE), result()), null, 1));

        String body = write(pulls.start("x/y:t", "", ""));

        assertThat(body.lines()).last().isEqualTo("{\"errorDetail\":{\"message\":\"node-agent local at 127.0.0.1:9103 "
                + "is unavailable\"},\"error\":\"node-agent local at 127.0.0.1:9103 is unavailable\"}");
        assertThat(body).doesNotContain("Pull complete", "Status:");
    }

    private static boolean waitsForReports(PullProgress event) {
        return event.hasResult() || event.getLayer().getPhase() == LayerPhase.PULL_COMPLETE;
    }

    private static PullProgress result() {
        return PullProgress.newBuilder().setResult(PullResult.newBuilder().setManifestDigest("sha256:" + "d".repeat(64))
                .setReference("127.0.0.1:5000/x/y:t")).build();
    }

    private static PullProgress layer(String digest, LayerPhase phase) {
        return PullProgress.newBuilder().setLayer(LayerProgress.newBuilder().setDigest(digest).setPhase(phase)).build();
    }

    @Test
    void start_failureBeforeTheFirstEvent_isAnHttpError() {
        script.set(new Script(List.of(), Status.NOT_FOUND.withDescription(
                "manifest for 127.0.0.1:5000/x/y:nope not found: manifest unknown: manifest unknown")));

        assertThatThrownBy(() -> pulls.start("127.0.0.1:5000/x/y:nope", "", ""))
                .isInstanceOfSatisfying(DockerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo(
                            "manifest for 127.0.0.1:5000/x/y:nope not found: manifest unknown: manifest unknown");
                });
    }

    @Test
    void start_registryRefusesTheCredentials_isA500_notA401ThatMakesTheCliPromptForAPassword() {
        script.set(new Script(List.of(), Status.UNAUTHENTICATED.withDescription(
                "Head \"http://127.0.0.1:5000/v2/x/y/manifests/t\": no basic auth credentials")));

        assertThatThrownBy(() -> pulls.start("127.0.0.1:5000/x/y:t", "", ""))
                .isInstanceOfSatisfying(DockerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                    assertThat(e.getMessage()).endsWith("no basic auth credentials");
                });
    }

    @Test
    void start_registryDown_isA500NamingIt() {
        script.set(new Script(List.of(), Status.UNAVAILABLE.withDescription(
                "Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused")));

        assertThatThrownBy(() -> pulls.start("127.0.0.1:1/x/y:t", "", ""))
                .isInstanceOfSatisfying(DockerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                    assertThat(e.getMessage()).contains("127.0.0.1:1", "connection refused");
                });
    }

    @Test
    void writeTo_failureAfterTheStart_isTheLastLineAsErrorDetail() throws Exception {
        script.set(new Script(List.of(started(), layer(LayerPhase.PULLING_FS_LAYER)),
                Status.FAILED_PRECONDITION.withDescription("blob digest mismatch")));

        String body = write(pulls.start("x/y:t", "", ""));

        assertThat(body.lines()).hasSize(3).last()
                .isEqualTo("{\"errorDetail\":{\"message\":\"blob digest mismatch\"},\"error\":\"blob digest mismatch\"}");
    }

    private static String write(ProgressStream<PullProgress> stream) throws Exception {
        return write(stream, new MockHttpServletResponse());
    }

    private static String write(ProgressStream<PullProgress> stream, MockHttpServletResponse response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.writeTo(out, response);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PullProgress started() {
        return PullProgress.newBuilder().setStarted(PullStarted.newBuilder().setRepository("x/y").setTagOrDigest("t"))
                .build();
    }

    private static PullProgress layer(LayerPhase phase) {
        return PullProgress.newBuilder().setLayer(LayerProgress.newBuilder().setDigest(LAYER).setPhase(phase)).build();
    }
}

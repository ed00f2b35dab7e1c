package dev.berth.image.api;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import dev.berth.common.digest.Digest;
import dev.berth.proto.channel.BidiCall;
import dev.berth.proto.v1.LayerUnpacked;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.PullImageMessage;
import dev.berth.proto.v1.ReadBlobRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.pull.ImagePuller;
import dev.berth.image.pull.LayerDownloads;
import dev.berth.image.pull.PullProperties;
import dev.berth.image.pull.PullFixtures;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.TestRegistry;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.LayerPhase;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

/** PullImage over the in-process transport, from a real registry, as the gateway calls it. */
class ImageGrpcServicePullTest {

    @TempDir
    static Path registryDir;
    private static TestRegistry registry;
    private static RegistryClient client;

    @TempDir
    Path root;
    private Server server;
    private ManagedChannel channel;
    private LayerDownloads downloads;
    private ImageServiceGrpc.ImageServiceBlockingStub images;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = TestRegistry.open(registryDir);
        client = new RegistryClient(PullFixtures.quickConfig());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        LocalContentStore content = new LocalContentStore(root);
        ImageMetadataStore store = new ImageMetadataStore(root);
        downloads = LayerDownloads.from(client, content, PullProperties.defaults());
        ImagePuller puller = new ImagePuller(client, content, store, downloads, new Platform("linux", "amd64", ""),
                Clock.systemUTC());
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new ImageGrpcService(new ImageCatalog(store, content),
                        new ImageImporter(content, store, Clock.systemUTC()), puller, content,
                        new StagingArea(root.resolve("tmp")), ImageOperations.create(new ImageCatalog(store, content),
                                store, content, client, new BlobCollector(store, content))))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        images = ImageServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        downloads.close();
    }

    @Test
    void pullImage_streamsStartLayersAndResult_andGetImageShowsThePulledImage() {
        PullFixtures.Pushed pushed = PullFixtures.pushGzip(client, registry.authority() + "/grpc/app:1", 2);

        List<PullProgress> events = pull(registry.authority() + "/grpc/app:1");

        assertThat(events.get(0).getStarted().getRepository()).isEqualTo("grpc/app");
        assertThat(events.get(0).getStarted().getTagOrDigest()).isEqualTo("1");
        assertThat(events.stream().filter(PullProgress::hasLayer)
                .filter(e -> e.getLayer().getPhase() == LayerPhase.PULL_COMPLETE)).hasSize(2);
        PullProgress last = events.get(events.size() - 1);
        assertThat(last.getResult().getManifestDigest()).isEqualTo(pushed.manifestDigest().toString());
        assertThat(last.getResult().getReference()).isEqualTo(registry.authority() + "/grpc/app:1");
        assertThat(last.getResult().getUpToDate()).isFalse();

        Image image = images.getImage(GetImageRequest.newBuilder().setReference(registry.authority() + "/grpc/app:1")
                .build());
        assertThat(image.getId()).isEqualTo(pushed.configDigest().toString());
        assertThat(image.getRepoTagsList()).containsExactly(registry.authority() + "/grpc/app:1");
        assertThat(image.getRepoDigestsList())
                .containsExactly(registry.authority() + "/grpc/app@" + pushed.manifestDigest());
        assertThat(image.getArchitecture()).isEqualTo("amd64");
        assertThat(image.getLayersList()).extracting(l -> l.getMediaType())
                .containsOnly("application/vnd.docker.image.rootfs.diff.tar.gzip");

        Image byDigest = images.getImage(GetImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/app@" + pushed.manifestDigest()).build());
        assertThat(byDigest.getId()).isEqualTo(image.getId());
    }

    @Test
    void pullImage_unknownTag_isNotFoundBeforeAnyEvent() {
        PullFixtures.pushGzip(client, registry.authority() + "/grpc/known:1", 1);

        Iterator<PullProgress> events = start(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/known:nope").build());

        assertThatThrownBy(events::hasNext)
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("manifest for " + registry.authority()
                            + "/grpc/known:nope not found: manifest unknown: manifest unknown");
                });
    }

    @Test
    void pullImage_badAuthHeader_isInvalidArgument() {
        Iterator<PullProgress> events = start(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/known:1").setRegistryAuth("!!!").build());

        assertThatThrownBy(events::hasNext)
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void pullImage_unpackedByCaller_blobsReadAsTheyArrive_imageRecordedWithWhatTheCallerMeasured() throws Exception {
        PullFixtures.Pushed pushed = PullFixtures.pushGzip(client, registry.authority() + "/grpc/unpacked:1", 3);
        BidiCall<PullImageMessage, PullProgress> call = start(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/unpacked:1").setUnpackedByCaller(true).build());

        List<PullProgress> events = new ArrayList<>();
        List<CompletableFuture<Void>> unpacks = new ArrayList<>();
        Set<String> unpacking = new HashSet<>();
        while (call.hasNext()) {
            PullProgress event = call.next();
            events.add(event);
            if (event.hasLayer() && event.getLayer().getPhase() == LayerPhase.DOWNLOADING
                    && unpacking.add(event.getLayer().getDigest())) {
                String digest = event.getLayer().getDigest();
                unpacks.add(CompletableFuture.runAsync(() -> call.send(unpacked(digest, measure(digest)))));
            }
        }

        assertThat(unpacks).hasSize(3);
        CompletableFuture.allOf(unpacks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(events.get(events.size() - 1).getResult().getManifestDigest())
                .isEqualTo(pushed.manifestDigest().toString());
        Image image = images.getImage(GetImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/unpacked:1").build());
        assertThat(image.getLayersList()).hasSize(3);
        assertThat(image.getSize()).isEqualTo(pushed.layers().stream().mapToLong(PullFixtures.Layer::tarSize).sum());
    }

    @Test
    void pullImage_unpackedByCaller_aReportThatIsNotTheDiffId_failsThePull_andRecordsNothing() {
        PullFixtures.pushGzip(client, registry.authority() + "/grpc/lied:1", 1);
        BidiCall<PullImageMessage, PullProgress> call = start(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/lied:1").setUnpackedByCaller(true).build());
        Digest wrong = Digest.of(new byte[] {1});

        assertThatThrownBy(() -> {
            while (call.hasNext()) {
                PullProgress event = call.next();
                if (event.hasLayer() && event.getLayer().getPhase() == LayerPhase.DOWNLOAD_COMPLETE) {
                    call.send(unpacked(event.getLayer().getDigest(), PreparedLayer.newBuilder()
                            .setDiffId(wrong.toString()).setSize(1).build()));
                }
            }
        }).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).contains("does not match diff id");
        });
        assertNotRecorded(registry.authority() + "/grpc/lied:1");
    }

    @Test
    void pullImage_unpackedByCaller_anEmptyReport_makesTheServiceMeasureTheBlobItself() {
        PullFixtures.pushGzip(client, registry.authority() + "/grpc/nonode:1", 2);
        BidiCall<PullImageMessage, PullProgress> call = start(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/nonode:1").setUnpackedByCaller(true).build());

        PullProgress last = null;
        while (call.hasNext()) {
            last = call.next();
            if (last.hasLayer() && last.getLayer().getPhase() == LayerPhase.DOWNLOAD_COMPLETE) {
                call.send(unpacked(last.getLayer().getDigest(), PreparedLayer.getDefaultInstance()));
            }
        }

        assertThat(last.hasResult()).isTrue();
        assertThat(images.getImage(GetImageRequest.newBuilder().setReference(registry.authority() + "/grpc/nonode:1")
                .build()).getLayersCount()).isEqualTo(2);
    }

    @Test
    void pullImage_unpackedByCaller_callerHalfClosesWithoutReports_failsAndRecordsNothing() {
        PullFixtures.pushGzip(client, registry.authority() + "/grpc/silent:1", 1);
        BidiCall<PullImageMessage, PullProgress> call = start(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/silent:1").setUnpackedByCaller(true).build());
        call.halfClose();

        assertThatThrownBy(() -> call.forEachRemaining(event -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).contains("left before its layers were unpacked"));
        assertNotRecorded(registry.authority() + "/grpc/silent:1");
    }

    private void assertNotRecorded(String reference) {
        assertThatThrownBy(() -> images.getImage(GetImageRequest.newBuilder().setReference(reference).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    /** What a node does: reads the blob with ReadBlob (as it arrives) and measures its tar. */
    private PreparedLayer measure(String digest) {
        MessageDigest tar = Digest.newDigester();
        long size = 0;
        try (InputStream in = new GZIPInputStream(new SequenceInputStream(Collections.enumeration(
                readBlob(digest))))) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                tar.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PreparedLayer.newBuilder().setDiffId(Digest.fromDigester(tar).toString()).setSize(size).build();
    }

    private List<InputStream> readBlob(String digest) {
        List<InputStream> chunks = new ArrayList<>();
        images.readBlob(ReadBlobRequest.newBuilder().setDigest(digest).build())
                .forEachRemaining(chunk -> chunks.add(chunk.getData().newInput()));
        return chunks;
    }

    private static PullImageMessage unpacked(String digest, PreparedLayer measured) {
        return PullImageMessage.newBuilder().setUnpacked(LayerUnpacked.newBuilder().setDigest(digest)
                .setMeasured(measured)).build();
    }

    private BidiCall<PullImageMessage, PullProgress> start(PullImageRequest request) {
        BidiCall<PullImageMessage, PullProgress> call = new BidiCall<>(ImageServiceGrpc.newStub(channel)::pullImage);
        call.send(PullImageMessage.newBuilder().setRequest(request).build());
        return call;
    }

    private List<PullProgress> pull(String reference) {
        List<PullProgress> events = new ArrayList<>();
        BidiCall<PullImageMessage, PullProgress> call = start(PullImageRequest.newBuilder().setReference(reference).build());
        call.forEachRemaining(events::add);
        return events;
    }
}

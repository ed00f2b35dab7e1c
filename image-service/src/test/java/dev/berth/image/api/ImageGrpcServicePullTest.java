package dev.berth.image.api;

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

        Iterator<PullProgress> events = images.pullImage(PullImageRequest.newBuilder()
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
        Iterator<PullProgress> events = images.pullImage(PullImageRequest.newBuilder()
                .setReference(registry.authority() + "/grpc/known:1").setRegistryAuth("!!!").build());

        assertThatThrownBy(events::hasNext)
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private List<PullProgress> pull(String reference) {
        List<PullProgress> events = new ArrayList<>();
        images.pullImage(PullImageRequest.newBuilder().setReference(reference).build()).forEachRemaining(events::add);
        return events;
    }
}

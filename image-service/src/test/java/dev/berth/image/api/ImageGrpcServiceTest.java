package dev.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import dev.berth.image.TestTarballs;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.gc.BlobCollector;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.pull.ImagePuller;
import dev.berth.image.pull.LayerDownloads;
import dev.berth.image.pull.PullProperties;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryConfig;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.proto.v1.BlobChunk;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ImportImageRequest;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.ReadBlobRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

/** The whole service over the in-process transport, as a gateway or node-agent would call it. */
class ImageGrpcServiceTest {

    private static final int UPLOAD_CHUNK = 1000;

    @TempDir
    Path root;

    private Server server;
    private ManagedChannel channel;
    private ImageServiceGrpc.ImageServiceBlockingStub blocking;
    private ImageServiceGrpc.ImageServiceStub async;

    @BeforeEach
    void startServer() throws Exception {
        LocalContentStore content = new LocalContentStore(root);
        ImageMetadataStore store = new ImageMetadataStore(root);
        ImageCatalog catalog = new ImageCatalog(store, content);
        ImageImporter importer = new ImageImporter(content, store, Clock.systemUTC());
        StagingArea staging = new StagingArea(root.resolve("tmp"));
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new ImageGrpcService(catalog, importer, puller(content, store), content, staging,
                        ImageOperations.create(catalog, store, content, new RegistryClient(RegistryConfig.defaults()),
                                new BlobCollector(store, content))))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        blocking = ImageServiceGrpc.newBlockingStub(channel);
        async = ImageServiceGrpc.newStub(channel);
    }

    /** Pulls are tested in ImageGrpcServicePullTest; here the service only needs one. */
    private static ImagePuller puller(LocalContentStore content, ImageMetadataStore store) {
        RegistryClient registry = new RegistryClient(RegistryConfig.defaults());
        return new ImagePuller(registry, content, store, LayerDownloads.from(registry, content, PullProperties.defaults()),
                Platform.host(), Clock.systemUTC());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void importImage_smallTar_isFoundByTagIdAndPrefix() throws Exception {
        byte[] tar = TestTarballs.smallTar();

        Image imported = importImage(header("bb", "1").build(), tar);

        Digest diffId = Digest.of(tar);
        assertThat(imported.getRepoTagsList()).containsExactly("bb:1");
        assertThat(imported.getId()).startsWith("sha256:");
        assertThat(imported.getOs()).isEqualTo("linux");
        assertThat(imported.getSize()).isEqualTo(tar.length);
        assertThat(imported.getComment()).isEqualTo("Imported from -");
        assertThat(imported.getConfig().getCmdSet()).isFalse();
        assertThat(imported.getConfig().getEntrypointSet()).isFalse();
        assertThat(imported.getLayersList()).singleElement().satisfies(layer -> {
            assertThat(layer.getDigest()).isEqualTo(diffId.toString());
            assertThat(layer.getDiffId()).isEqualTo(diffId.toString());
            assertThat(layer.getSize()).isEqualTo(tar.length);
            assertThat(layer.getMediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar");
        });
        String hex = imported.getId().substring("sha256:".length());
        for (String reference : List.of("bb:1", "docker.io/library/bb:1", imported.getId(), hex, hex.substring(0, 12))) {
            assertThat(get(reference)).as(reference).isEqualTo(imported);
        }
    }

    @Test
    void importImage_gzipWithChanges_appliesChanges() throws Exception {
        byte[] tar = TestTarballs.smallTar();
        byte[] gzip = TestTarballs.compress(CompressorStreamFactory.GZIP, tar);
        ImportHeader header = header("myreg:5000/x", "")
                .addChanges("CMD [\"/bin/hello\"]")
                .addChanges("ENTRYPOINT []")
                .addChanges("ENV PATH=/bin")
                .addChanges("EXPOSE 80")
                .setMessage("hello import")
                .build();

        Image imported = importImage(header, gzip);

        assertThat(imported.getRepoTagsList()).containsExactly("myreg:5000/x:latest");
        assertThat(imported.getComment()).isEqualTo("hello import");
        assertThat(imported.getConfig().getCmdList()).containsExactly("/bin/hello");
        assertThat(imported.getConfig().getCmdSet()).isTrue();
        assertThat(imported.getConfig().getEntrypointList()).isEmpty();
        assertThat(imported.getConfig().getEntrypointSet()).isTrue();
        assertThat(imported.getConfig().getEnvList()).containsExactly("PATH=/bin");
        assertThat(imported.getConfig().getExposedPortsList()).containsExactly("80/tcp");
        assertThat(imported.getLayers(0).getDiffId()).isEqualTo(Digest.of(tar).toString());
    }

    @Test
    void listImages_returnsEveryImageAndHonoursFilters() throws Exception {
        Image tagged = importImage(header("bb", "1").build(), TestTarballs.smallTar());
        Image untagged = importImage(header("", "").setMessage("untagged").build(), TestTarballs.smallTar());

        List<Image> all = blocking.listImages(ListImagesRequest.getDefaultInstance()).getImagesList();
        List<Image> dangling = blocking.listImages(ListImagesRequest.newBuilder()
                .addFilters(Filter.newBuilder().setKey("dangling").addValues("true")).build()).getImagesList();

        assertThat(all).containsExactlyInAnyOrder(tagged, untagged);
        assertThat(dangling).containsExactly(untagged);
    }

    @Test
    void readBlob_layer_streamsTheTarBytes() throws Exception {
        byte[] tar = TestTarballs.tar(java.util.Map.of("big", "x".repeat(3 * BlobSender.CHUNK_SIZE)));
        Image imported = importImage(header("big", "").build(), tar);

        Iterator<BlobChunk> chunks = blocking.readBlob(
                ReadBlobRequest.newBuilder().setDigest(imported.getLayers(0).getDigest()).build());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int count = 0;
        while (chunks.hasNext()) {
            BlobChunk chunk = chunks.next();
            assertThat(chunk.getData().size()).isLessThanOrEqualTo(BlobSender.CHUNK_SIZE);
            chunk.getData().writeTo(received);
            count++;
        }

        assertThat(received.toByteArray()).isEqualTo(tar);
        assertThat(count).isGreaterThan(1);
    }

    @Test
    void readBlob_badOrUnknownDigest_isRefused() {
        String unknown = "sha256:" + "0".repeat(64);

        assertStatus(() -> blocking.readBlob(ReadBlobRequest.newBuilder().setDigest("sha256:../etc").build()).next(),
                Status.Code.INVALID_ARGUMENT, "invalid checksum digest format");
        assertStatus(() -> blocking.readBlob(ReadBlobRequest.newBuilder().setDigest(unknown).build()).next(),
                Status.Code.NOT_FOUND, "content digest " + unknown + ": not found");
    }

    @Test
    void getImage_unknownOrInvalid_hasDockerText() {
        assertStatus(() -> get("nope"), Status.Code.NOT_FOUND, "No such image: nope:latest");
        assertStatus(() -> get("nope:2"), Status.Code.NOT_FOUND, "No such image: nope:2");
        assertStatus(() -> get("Bb"), Status.Code.INVALID_ARGUMENT,
                "invalid reference format: repository name (library/Bb) must be lowercase");
        assertStatus(() -> get("bad::ref"), Status.Code.INVALID_ARGUMENT, "invalid reference format");
    }

    @Test
    void importImage_notATar_isRefusedAndNothingStored() throws Exception {
        byte[] text = "definitely not a tarball\n".repeat(100).getBytes(StandardCharsets.UTF_8);

        assertStatus(() -> importImage(header("bb", "1").build(), text), Status.Code.INVALID_ARGUMENT,
                "archive/tar: invalid tar header");

        assertThat(blocking.listImages(ListImagesRequest.getDefaultInstance()).getImagesList()).isEmpty();
        assertStatus(() -> get("bb:1"), Status.Code.NOT_FOUND, "No such image: bb:1");
        assertThat(listFiles(root.resolve("blobs/sha256"))).isEmpty();
        assertThat(listFiles(root.resolve("ingest"))).isEmpty();
        assertThat(listFiles(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void importImage_badChangeOrReference_isInvalidArgument() {
        assertStatus(() -> importImage(header("bb", "").addChanges("RUN x").build(), TestTarballs.smallTar()),
                Status.Code.INVALID_ARGUMENT, "run is not a valid change command");
        assertStatus(() -> importImage(header("Bb", "").build(), TestTarballs.smallTar()),
                Status.Code.INVALID_ARGUMENT,
                "invalid reference format: repository name (library/Bb) must be lowercase");
    }

    @Test
    void importImage_chunkBeforeHeader_isInvalidArgument() {
        assertStatus(() -> upload(List.of(ImportImageRequest.newBuilder().setChunk(ByteString.copyFromUtf8("x")).build())),
                Status.Code.INVALID_ARGUMENT, "the first ImportImage message must be the header");
    }

    private Image get(String reference) {
        return blocking.getImage(GetImageRequest.newBuilder().setReference(reference).build());
    }

    private static ImportHeader.Builder header(String repo, String tag) {
        return ImportHeader.newBuilder().setRepo(repo).setTag(tag);
    }

    /** Sends the header, then the tarball in small chunks, the way the gateway streams a request body. */
    private Image importImage(ImportHeader header, byte[] tarball) throws Exception {
        List<ImportImageRequest> messages = new java.util.ArrayList<>();
        messages.add(ImportImageRequest.newBuilder().setHeader(header).build());
        for (int offset = 0; offset < tarball.length; offset += UPLOAD_CHUNK) {
            byte[] chunk = Arrays.copyOfRange(tarball, offset, Math.min(tarball.length, offset + UPLOAD_CHUNK));
            messages.add(ImportImageRequest.newBuilder().setChunk(ByteString.copyFrom(chunk)).build());
        }
        return upload(messages);
    }

    private Image upload(List<ImportImageRequest> messages) throws Exception {
        CompletableFuture<Image> result = new CompletableFuture<>();
        StreamObserver<ImportImageRequest> requests = async.importImage(new StreamObserver<>() {
            @Override
            public void onNext(Image image) {
                result.complete(image);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                result.complete(null);
            }
        });
        messages.forEach(requests::onNext);
        requests.onCompleted();
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static void assertStatus(ThrowingCall call, Status.Code code, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(StatusRuntimeException.class, error -> {
                    assertThat(error.getStatus().getCode()).isEqualTo(code);
                    assertThat(error.getStatus().getDescription()).isEqualTo(message);
                });
    }

    private static List<Path> listFiles(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.toList();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}

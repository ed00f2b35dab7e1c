package dev.berth.image.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.error.BerthException;
import dev.berth.image.TestTarballs;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.MediaTypes;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryCredentials;
import dev.berth.image.registry.ResolvedImage;
import dev.berth.image.registry.TestImages;
import dev.berth.image.registry.TestRegistry;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

/** Pushes to real registries (open, and htpasswd Basic auth). */
class ImagePusherTest {

    @TempDir
    static Path registries;
    private static TestRegistry open;
    private static TestRegistry basic;
    private static RegistryClient client;

    @TempDir
    Path root;
    private LocalContentStore content;
    private ImageMetadataStore metadata;
    private ImageImporter importer;
    private ImagePusher pusher;

    @BeforeAll
    static void startRegistries() throws IOException {
        open = TestRegistry.open(java.nio.file.Files.createDirectories(registries.resolve("open")));
        basic = TestRegistry.withHtpasswd(java.nio.file.Files.createDirectories(registries.resolve("basic")), "ann",
                "s3cret-pw");
        client = new RegistryClient(TestImages.testConfig());
    }

    @AfterAll
    static void stopRegistries() {
        open.close();
        basic.close();
    }

    @BeforeEach
    void setUp() {
        content = new LocalContentStore(root);
        metadata = new ImageMetadataStore(root);
        importer = new ImageImporter(content, metadata, Clock.systemUTC());
        pusher = new ImagePusher(client, content, metadata, new BlobCollector(metadata, content));
    }

    @Test
    void push_importedImage_buildsAGzipManifestThatPullsBackWithTheSameDigest() {
        String repo = open.authority() + "/imported/app";
        ImageRecord image = importImage(repo, "1");
        RecordingPushListener first = new RecordingPushListener();

        pusher.push(repo, "1", "", first);

        ResolvedImage pulled = client.resolve(ImageReference.parse(repo + ":1"), Platform.host(),
                RegistryCredentials.anonymous());
        assertThat(pulled.image().config().digest()).isEqualTo(image.id());
        assertThat(pulled.image().layers().get(0).mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER);
        assertThat(first.events).containsExactly("started " + repo, "PREPARING", "PUSHED",
                "pushed 1 " + pulled.manifest().digest() + " " + pulled.manifest().bytes().length);

        RecordingPushListener second = new RecordingPushListener();
        pusher.push(repo, "1", "", second);
        assertThat(second.events).containsExactly("started " + repo, "PREPARING", "LAYER_ALREADY_EXISTS",
                "pushed 1 " + pulled.manifest().digest() + " " + pulled.manifest().bytes().length);
        assertThat(metadata.get(image.id()).orElseThrow().repoDigests())
                .containsExactly(repo + "@" + pulled.manifest().digest());
    }

    @Test
    void push_toAnotherRepositoryOfTheSameRegistry_mountsTheLayer() {
        String source = open.authority() + "/mount/source";
        String target = open.authority() + "/mount/target";
        ImageRecord image = importImage(source, "1");
        pusher.push(source, "1", "", PushListener.NONE);
        metadata.tag(image.id(), ImageReference.parse(target + ":1"));
        RecordingPushListener listener = new RecordingPushListener();

        pusher.push(target, "", "", listener);

        assertThat(listener.events).containsSubsequence("PREPARING", "MOUNTED mount/source");
    }

    @Test
    void push_withoutTag_pushesEveryTagOfTheRepository() {
        String repo = open.authority() + "/all/tags";
        importImage(repo, "a");
        importImage(repo, "b");
        RecordingPushListener listener = new RecordingPushListener();

        pusher.push(repo, "", "", listener);

        assertThat(listener.events.stream().filter(e -> e.startsWith("pushed ")).map(e -> e.split(" ")[1]))
                .containsExactly("a", "b");
    }

    @Test
    void push_unknownTag_failsBeforeStarting() {
        RecordingPushListener listener = new RecordingPushListener();

        assertThatThrownBy(() -> pusher.push(open.authority() + "/nope/x", "1", "", listener))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.NOT_FOUND))
                .hasMessage("An image does not exist locally with the tag: " + open.authority() + "/nope/x");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void push_basicAuth_needsTheRightPassword() {
        String repo = basic.authority() + "/secure/app";
        importImage(repo, "1");

        assertThatThrownBy(() -> pusher.push(repo, "1", auth("ann", "wrong"), PushListener.NONE))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.UNAUTHENTICATED));

        RecordingPushListener listener = new RecordingPushListener();
        pusher.push(repo, "1", auth("ann", "s3cret-pw"), listener);
        assertThat(listener.events).last().asString().startsWith("pushed 1 sha256:");
    }

    private ImageRecord importImage(String repo, String tag) {
        return importer.importImage(ImportOptions.of(repo, tag, List.of(), "", ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));
    }

    private static String auth(String user, String password) {
        String json = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

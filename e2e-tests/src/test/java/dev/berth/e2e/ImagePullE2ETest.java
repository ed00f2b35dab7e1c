package dev.berth.e2e;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.LocalRegistry;
import dev.berth.e2e.support.RegistryImages;
import dev.berth.e2e.support.RegistryImages.PushedImage;
import dev.berth.e2e.support.RegistryPush;

/**
 * docker pull, and docker run of an image not pulled yet, from a real registry on 127.0.0.1 with
 * the real CLI. Repositories are named per run: the services keep their images between runs.
 */
class ImagePullE2ETest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static LocalRegistry registry;
    private static RegistryPush push;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start();
        push = new RegistryPush(registry.authority());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pull_newImage_showsProgressAndIsListedInspectableAndUpToDateTheSecondTime() {
        // A layer of its own: other tests may have brought busybox's already ("Already exists").
        byte[] ownTar = RegistryImages.tinyTar("marker", "pull-" + RUN);
        RegistryImages.Layer own = RegistryImages.gzip(ownTar);
        PushedImage image = RegistryImages.push(push, "e2e-" + RUN + "/pull", "t", "amd64",
                List.of(RegistryImages.gzip(RegistryImages.busyboxTar()), own));
        String ref = ref(image);

        CommandResult pulled = docker("pull", ref);

        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        assertThat(pulled.stdout()).as(pulled.toString())
                .contains("t: Pulling from " + image.repository())
                .contains(shortId(own.digest()) + ": Pull complete")
                .contains("Digest: " + image.manifestDigest())
                .contains("Status: Downloaded newer image for " + ref);

        CommandResult again = docker("pull", ref);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("Status: Image is up to date for " + ref).doesNotContain("Pull complete");

        CommandResult images = docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        assertThat(images.stdout()).contains(ref + " " + image.configDigest().substring(7, 19));

        CommandResult inspect = docker("image", "inspect", "--format",
                "{{.Id}}|{{json .RepoTags}}|{{json .RepoDigests}}|{{.Architecture}}|{{.Os}}|{{.Created}}|"
                        + "{{json .RootFS.Layers}}|{{json .Config.Cmd}}", ref);
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(inspect.stdout()).isEqualTo(image.configDigest() + "|[\"" + ref + "\"]|[\""
                + registry.authority() + "/" + image.repository() + "@" + image.manifestDigest() + "\"]|amd64|linux|"
                + "2024-05-01T10:00:00Z|[\"" + image.layers().get(0).diffId() + "\",\"" + own.diffId() + "\"]|[\"sh\"]\n");
        long size = Long.parseLong(docker("image", "inspect", "--format", "{{.Size}}", ref).stdout().trim());
        assertThat(size).isEqualTo(RegistryImages.busyboxTar().length + ownTar.length);
    }

    @Test
    void run_imageNotPulledYet_pullsItThenRunsTheCommand() {
        PushedImage image = pushBusybox("run", RegistryImages.gzip(RegistryImages.busyboxTar()));
        String ref = ref(image);

        CommandResult run = docker("run", "--rm", ref, "echo", "hi");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("Unable to find image '" + ref + "' locally")
                .contains("Status: Downloaded newer image for " + ref);
        assertThat(run.stdout()).isEqualTo("hi\n");
    }

    @Test
    void run_zstdLayer_runs() {
        PushedImage image = pushBusybox("zstd", RegistryImages.zstd(RegistryImages.busyboxTar()));

        CommandResult run = docker("run", "--rm", ref(image), "echo", "from zstd");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("from zstd\n");
    }

    @Test
    void pull_indexWithPlatform_takesThatPlatformsManifest_andWithoutTheHostsOne() {
        String repository = "e2e-" + RUN + "/multi";
        PushedImage amd64 = RegistryImages.push(push, repository, "amd64-only", "amd64",
                List.of(RegistryImages.gzip(RegistryImages.busyboxTar())));
        PushedImage arm64 = RegistryImages.push(push, repository, "arm64-only", "arm64",
                List.of(RegistryImages.gzip(RegistryImages.tinyTar("arm64.txt", "not for this host\n"))));
        Map<String, PushedImage> platforms = new LinkedHashMap<>();
        platforms.put("linux/amd64", amd64);
        platforms.put("linux/arm64", arm64);
        RegistryImages.pushIndex(push, repository, "arm", platforms);
        RegistryImages.pushIndex(push, repository, "host", platforms);
        String armRef = registry.authority() + "/" + repository + ":arm";
        String hostRef = registry.authority() + "/" + repository + ":host";

        CommandResult pulled = docker("pull", "--platform", "linux/arm64", armRef);

        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        assertThat(docker("image", "inspect", "--format", "{{.Id}} {{.Architecture}}", armRef).stdout())
                .isEqualTo(arm64.configDigest() + " arm64\n");

        CommandResult run = docker("run", "--rm", hostRef, "echo", "host platform");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("host platform\n");
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", hostRef).stdout())
                .isEqualTo(amd64.configDigest() + "\n");
    }

    @Test
    void pull_blobTamperedInTheRegistry_failsWithTheDigestErrorAndRecordsNothing() throws IOException {
        PushedImage image = pushBusybox("tampered", RegistryImages.gzip(RegistryImages.tinyTar("f", "original\n")));
        Path data = registry.blobData(image.layers().get(0).digest());
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(data, bytes);
        String ref = ref(image);

        CommandResult pulled = docker("pull", ref);

        assertThat(pulled.exitCode()).as(pulled.toString()).isEqualTo(1);
        assertThat(pulled.stderr()).as(pulled.toString())
                .contains("digest mismatch: expected " + image.layers().get(0).digest() + ", got sha256:");
        assertThat(docker("images", "-q", ref).stdout()).isEmpty();
    }

    @Test
    void pull_layerThatIsNotTheConfigsDiffId_failsNamingBoth_andRecordsNothing() {
        RegistryImages.Layer real = RegistryImages.gzip(RegistryImages.tinyTar("f", "what the node unpacks\n"));
        String claimed = RegistryPush.sha256("what the config claims".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PushedImage image = pushBusybox("liar", new RegistryImages.Layer(real.mediaType(), real.blob(), claimed));
        String ref = ref(image);

        CommandResult pulled = docker("pull", ref);

        assertThat(pulled.exitCode()).as(pulled.toString()).isEqualTo(1);
        assertThat(pulled.stderr()).as(pulled.toString()).contains(claimed, real.diffId());
        assertThat(docker("images", "-q", ref).stdout()).isEmpty();
    }

    @Test
    void pull_unknownTag_isManifestUnknown() {
        PushedImage image = pushBusybox("known", RegistryImages.gzip(RegistryImages.tinyTar("f", "known\n")));
        String ref = registry.authority() + "/" + image.repository() + ":nope";

        CommandResult pulled = docker("pull", ref);

        assertThat(pulled.exitCode()).isEqualTo(1);
        assertThat(pulled.stderr()).isEqualTo("Error response from daemon: manifest for " + ref
                + " not found: manifest unknown: manifest unknown\n");
    }

    @Test
    void pull_registryDown_namesTheRegistry() throws IOException {
        String down = "127.0.0.1:" + LocalRegistry.freePort();

        CommandResult pulled = docker("pull", down + "/x/y:t");

        assertThat(pulled.exitCode()).isEqualTo(1);
        assertThat(pulled.stderr()).startsWith("Error response from daemon: Get \"http://" + down + "/v2/")
                .endsWith(": dial tcp " + down + ": connect: connection refused\n");
    }

    private static PushedImage pushBusybox(String name, RegistryImages.Layer layer) {
        return RegistryImages.push(push, "e2e-" + RUN + "/" + name, "t", "amd64", List.of(layer));
    }

    private static String ref(PushedImage image) {
        return registry.authority() + "/" + image.repository() + ":" + image.tag();
    }

    private static String shortId(String digest) {
        return digest.substring("sha256:".length(), "sha256:".length() + 12);
    }
}

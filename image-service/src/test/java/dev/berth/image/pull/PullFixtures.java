package dev.berth.image.pull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.compress.compressors.CompressorStreamFactory;

import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.digest.Digest;
import dev.berth.image.TestTarballs;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.BlobSource;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.MediaTypes;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryConfig;
import dev.berth.image.registry.RegistryCredentials;

/** Real images for pull tests: tar layers (gzip, zstd or plain), their config and manifest, pushed. */
public final class PullFixtures {

    static final String OCI_ZSTD_LAYER = "application/vnd.oci.image.layer.v1.tar+zstd";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RegistryCredentials ANONYMOUS = RegistryCredentials.anonymous();

    private PullFixtures() {
    }

    /** A layer blob and the diff id of the tar inside it. */
    public record Layer(Descriptor descriptor, byte[] blob, Digest diffId, long tarSize) {
        Digest digest() {
            return descriptor.digest();
        }
    }

    /** What was pushed: the manifest's digest, the config's (the image id) and the layers. */
    public record Pushed(Digest manifestDigest, long manifestSize, Digest configDigest, List<Layer> layers) {
    }

    public static RegistryConfig quickConfig() {
        return new RegistryConfig(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10), 2,
                Duration.ofMillis(10), 2, List.of(), List.of(), null, 1 << 20);
    }

    /** Pushes an image of {@code layerCount} gzip layers under {@code reference} (with its tag). */
    public static Pushed pushGzip(RegistryClient client, String reference, int layerCount) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            layers.add(gzipLayer("layer" + i));
        }
        return push(client, ImageReference.parse(reference), "amd64", layers);
    }

    /** A tar with one unique file, compressed with {@code format} (null: plain). */
    public static Layer layer(String format, String name) {
        byte[] tar = TestTarballs.tar(Map.of("data/" + name, name + " " + UUID.randomUUID() + "\n"));
        byte[] blob = format == null ? tar : TestTarballs.compress(format, tar);
        String mediaType = format == null ? "application/vnd.oci.image.layer.v1.tar"
                : format.equals(CompressorStreamFactory.ZSTANDARD) ? OCI_ZSTD_LAYER : MediaTypes.DOCKER_LAYER;
        return new Layer(Descriptor.of(mediaType, Digest.of(blob), blob.length), blob, Digest.of(tar), tar.length);
    }

    public static Layer gzipLayer(String name) {
        return layer(CompressorStreamFactory.GZIP, name);
    }

    /** Pushes the layers, a config naming their diff ids, and the manifest under the reference's tag. */
    public static Pushed push(RegistryClient client, ImageReference reference, String architecture, List<Layer> layers) {
        return push(client, reference, architecture, layers, layers.stream().map(Layer::diffId).toList());
    }

    /** As {@link #push(RegistryClient, ImageReference, String, List)}, with the config claiming {@code diffIds}. */
    public static Pushed push(RegistryClient client, ImageReference reference, String architecture, List<Layer> layers,
            List<Digest> diffIds) {
        for (Layer layer : layers) {
            client.pushBlob(reference, layer.descriptor(), BlobSource.of(layer.blob()), ANONYMOUS);
        }
        byte[] config = config(architecture, diffIds);
        Descriptor configDescriptor = Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.of(config), config.length);
        client.pushBlob(reference, configDescriptor, BlobSource.of(config), ANONYMOUS);
        byte[] manifest = manifest(configDescriptor, layers.stream().map(Layer::descriptor).toList());
        Digest manifestDigest = client.pushManifest(reference, MediaTypes.DOCKER_MANIFEST, manifest, ANONYMOUS);
        return new Pushed(manifestDigest, manifest.length, configDescriptor.digest(), layers);
    }

    /** Pushes an OCI index of already pushed manifests (by digest) under the reference's tag. */
    public static Digest pushIndex(RegistryClient client, ImageReference reference, Map<Platform, Pushed> manifests) {
        List<Map<String, Object>> entries = new ArrayList<>();
        manifests.forEach((platform, pushed) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mediaType", MediaTypes.DOCKER_MANIFEST);
            entry.put("digest", pushed.manifestDigest().toString());
            entry.put("size", pushed.manifestSize());
            entry.put("platform", Map.of("architecture", platform.architecture(), "os", platform.os()));
            entries.add(entry);
        });
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", entries);
        return client.pushManifest(reference, MediaTypes.OCI_INDEX, JSON.writeValueAsBytes(index), ANONYMOUS);
    }

    public static ImageReference withDigest(ImageReference reference, Digest digest) {
        return ImageReference.parse(reference.name() + "@" + digest);
    }

    private static byte[] config(String architecture, List<Digest> diffIds) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.put("created", "2024-05-01T10:00:00Z");
        config.put("config", Map.of("Cmd", List.of("/bin/sh"), "Env", List.of("ID=" + UUID.randomUUID())));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds.stream().map(Digest::toString).toList()));
        return JSON.writeValueAsBytes(config);
    }

    private static byte[] manifest(Descriptor config, List<Descriptor> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        manifest.put("config", descriptor(config));
        manifest.put("layers", layers.stream().map(PullFixtures::descriptor).toList());
        return JSON.writeValueAsBytes(manifest);
    }

    private static Map<String, Object> descriptor(Descriptor descriptor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mediaType", descriptor.mediaType());
        json.put("digest", descriptor.digest().toString());
        json.put("size", descriptor.size());
        return json;
    }
}

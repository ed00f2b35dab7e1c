package dev.berth.image.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.digest.Digest;
import dev.berth.image.reference.ImageReference;

/** Fixture content for registry tests: random layers, configs, manifests and indexes, and pushing them. */
public final class TestImages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Random RANDOM = new Random();

    private TestImages() {
    }

    /** A blob and the descriptor that points at it. */
    record Blob(Descriptor descriptor, byte[] bytes) {
        Digest digest() {
            return descriptor.digest();
        }
    }

    /** An image as pushed: its manifest's bytes and descriptor, its config and layers. */
    record PushedImage(Blob manifest, Blob config, List<Blob> layers) {
    }

    static Blob blob(String mediaType, byte[] bytes) {
        return new Blob(Descriptor.of(mediaType, Digest.of(bytes), bytes.length), bytes);
    }

    static Blob randomLayer(String mediaType, int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return blob(mediaType, bytes);
    }

    static Blob config(String mediaType, String architecture) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("/bin/true"), "Env", List.of("RANDOM=" + RANDOM.nextLong())));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of()));
        return blob(mediaType, JSON.writeValueAsBytes(config));
    }

    static Blob manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType);
        manifest.put("config", descriptorJson(config));
        manifest.put("layers", layers.stream().map(TestImages::descriptorJson).toList());
        return blob(mediaType, JSON.writeValueAsBytes(manifest));
    }

    static Blob index(String mediaType, List<Descriptor> manifests) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", mediaType);
        index.put("manifests", manifests.stream().map(TestImages::descriptorJson).toList());
        return blob(mediaType, JSON.writeValueAsBytes(index));
    }

    /** Pushes layers, config and manifest; the manifest under {@code reference}'s tag or digest. */
    static PushedImage push(RegistryClient client, ImageReference reference, String manifestType, String layerType,
            String configType, String architecture, List<Integer> layerSizes, RegistryCredentials credentials) {
        List<Blob> layers = new ArrayList<>();
        for (int size : layerSizes) {
            Blob layer = randomLayer(layerType, size);
            client.pushBlob(reference, layer.descriptor(), BlobSource.of(layer.bytes()), credentials);
            layers.add(layer);
        }
        Blob config = config(configType, architecture);
        client.pushBlob(reference, config.descriptor(), BlobSource.of(config.bytes()), credentials);
        Blob manifest = manifest(manifestType, config.descriptor(), layers.stream().map(Blob::descriptor).toList());
        client.pushManifest(reference, manifestType, manifest.bytes(), credentials);
        return new PushedImage(manifest, config, layers);
    }

    static Descriptor withPlatform(Descriptor descriptor, Platform platform) {
        return new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), descriptor.urls(),
                platform);
    }

    private static Map<String, Object> descriptorJson(Descriptor descriptor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mediaType", descriptor.mediaType());
        json.put("digest", descriptor.digest().toString());
        json.put("size", descriptor.size());
        if (!descriptor.urls().isEmpty()) {
            json.put("urls", descriptor.urls());
        }
        Platform platform = descriptor.platform();
        if (platform != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("architecture", platform.architecture());
            p.put("os", platform.os());
            if (!platform.variant().isEmpty()) {
                p.put("variant", platform.variant());
            }
            json.put("platform", p);
        }
        return json;
    }

    /** A client for tests: quick retries, small upload chunks so both upload paths run. */
    public static RegistryConfig testConfig() {
        return new RegistryConfig(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(10), 3, java.time.Duration.ofMillis(10), 2, List.of(), List.of(), null,
                4096);
    }
}

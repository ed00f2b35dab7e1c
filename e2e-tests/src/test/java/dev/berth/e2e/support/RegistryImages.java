package dev.berth.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.ObjectMapper;

/**
 * Fixture images for pulls: layers made from real tars (gzip, or zstd with the zstd tool), an image
 * config naming their diff ids, schema 2 or OCI manifests and OCI indexes, pushed with
 * {@link RegistryPush}. Every config carries a fresh id, so each run pulls images Berth has never
 * seen, even though the services keep their images between runs.
 */
public final class RegistryImages {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String DOCKER_GZIP_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final String OCI_ZSTD_LAYER = "application/vnd.oci.image.layer.v1.tar+zstd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryImages() {
    }

    /** A layer blob and the digest of the tar it holds. */
    public record Layer(String mediaType, byte[] blob, String diffId) {
        public String digest() {
            return RegistryPush.sha256(blob);
        }
    }

    /** An image in the registry: {@code repository:tag}, its manifest and config digests. */
    public record PushedImage(String repository, String tag, String manifestDigest, long manifestSize,
            String configDigest, List<Layer> layers) {
    }

    public static byte[] busyboxTar() {
        try {
            return Files.readAllBytes(TestImages.busyboxRootfs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tar holding one small file, made with tar(1). */
    public static byte[] tinyTar(String name, String content) {
        try {
            Path dir = Files.createTempDirectory("e2e-layer");
            Path tar = Files.createTempFile("e2e-layer", ".tar");
            try {
                Files.writeString(dir.resolve(name), content);
                CommandResult made = Commands.run(Duration.ofSeconds(30), "tar", "-C", dir.toString(), "-cf",
                        tar.toString(), name);
                if (made.exitCode() != 0) {
                    throw new AssertionError("tar failed\n" + made);
                }
                return Files.readAllBytes(tar);
            } finally {
                Files.deleteIfExists(dir.resolve(name));
                Files.deleteIfExists(dir);
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Layer gzip(byte[] tar) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Layer(DOCKER_GZIP_LAYER, bytes.toByteArray(), RegistryPush.sha256(tar));
    }

    /** Compressed by the zstd tool, as containerd and BuildKit write zstd layers. */
    public static Layer zstd(byte[] tar) {
        try {
            Path in = Files.createTempFile("e2e-layer", ".tar");
            Path out = Path.of(in + ".zst");
            try {
                Files.write(in, tar);
                CommandResult compressed = Commands.run(Duration.ofSeconds(60), "zstd", "-q", "-f", in.toString(),
                        "-o", out.toString());
                if (compressed.exitCode() != 0) {
                    throw new AssertionError("zstd failed\n" + compressed);
                }
                return new Layer(OCI_ZSTD_LAYER, Files.readAllBytes(out), RegistryPush.sha256(tar));
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pushes layers, config and manifest (OCI when any layer is zstd, else Docker schema 2) under
     * {@code repository:tag}.
     */
    public static PushedImage push(RegistryPush push, String repository, String tag, String architecture,
            List<Layer> layers) {
        boolean oci = layers.stream().anyMatch(layer -> layer.mediaType().equals(OCI_ZSTD_LAYER));
        List<Map<String, Object>> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (Layer layer : layers) {
            push.blob(repository, layer.blob());
            layerDescriptors.add(descriptor(layer.mediaType(), layer.digest(), layer.blob().length));
            diffIds.add(layer.diffId());
        }
        byte[] config = JSON.writeValueAsBytes(config(architecture, diffIds));
        String configDigest = push.blob(repository, config);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", oci ? OCI_MANIFEST : DOCKER_MANIFEST);
        manifest.put("config", descriptor(oci ? OCI_CONFIG : DOCKER_CONFIG, configDigest, config.length));
        manifest.put("layers", layerDescriptors);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = push.manifest(repository, tag, oci ? OCI_MANIFEST : DOCKER_MANIFEST, manifestBytes);
        return new PushedImage(repository, tag, manifestDigest, manifestBytes.length, configDigest, layers);
    }

    /** An OCI index of pushed images, one per {@code os/arch} key, under {@code repository:tag}. */
    public static String pushIndex(RegistryPush push, String repository, String tag,
            Map<String, PushedImage> byPlatform) {
        List<Map<String, Object>> manifests = new ArrayList<>();
        byPlatform.forEach((platform, image) -> {
            Map<String, Object> entry = descriptor(DOCKER_MANIFEST, image.manifestDigest(), image.manifestSize());
            String[] parts = platform.split("/");
            entry.put("platform", Map.of("os", parts[0], "architecture", parts[1]));
            manifests.add(entry);
        });
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        index.put("manifests", manifests);
        return push.manifest(repository, tag, OCI_INDEX, JSON.writeValueAsBytes(index));
    }

    private static Map<String, Object> config(String architecture, List<String> diffIds) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.put("created", "2024-05-01T10:00:00Z");
        config.put("config", Map.of(
                "Cmd", List.of("sh"),
                "Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "E2E_RUN=" + UUID.randomUUID())));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return config;
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }
}

package dev.berth.e2e.support;

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
import java.util.stream.Stream;

import tools.jackson.databind.ObjectMapper;

/**
 * Hand-made image tars in the layout of {@code docker save} (manifest.json, the config, one
 * directory per layer), for {@code docker load}: images with chosen layers and run config.
 * Every config carries a fresh label so that each run loads an image Berth has not seen.
 */
public final class ImageArchives {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageArchives() {
    }

    /**
     * Writes the archive of {@code tag}: its layers (uncompressed tars, bottom first) and
     * {@code runConfig} as the config's "config" object (a fresh label added). Delete it when done.
     */
    public static Path write(String tag, List<byte[]> layerTars, Map<String, Object> runConfig) {
        try {
            Path dir = Files.createTempDirectory("e2e-archive");
            List<String> diffIds = new ArrayList<>();
            List<String> layerPaths = new ArrayList<>();
            for (byte[] layer : layerTars) {
                String diffId = RegistryPush.sha256(layer);
                String hex = diffId.substring("sha256:".length());
                Files.createDirectories(dir.resolve(hex));
                Files.write(dir.resolve(hex).resolve("layer.tar"), layer);
                diffIds.add(diffId);
                layerPaths.add(hex + "/layer.tar");
            }
            Map<String, Object> config = new LinkedHashMap<>(runConfig);
            Map<String, Object> labels = new LinkedHashMap<>();
            if (runConfig.get("Labels") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> labels.put(String.valueOf(k), v));
            }
            labels.put("e2e.fresh", UUID.randomUUID().toString());
            config.put("Labels", labels);
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("architecture", "amd64");
            image.put("os", "linux");
            image.put("created", "2026-01-01T00:00:00Z");
            image.put("config", config);
            image.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
            byte[] configBytes = JSON.writeValueAsBytes(image);
            String configName = RegistryPush.sha256(configBytes).substring("sha256:".length()) + ".json";
            Files.write(dir.resolve(configName), configBytes);
            Files.write(dir.resolve("manifest.json"), JSON.writeValueAsBytes(List.of(Map.of(
                    "Config", configName, "RepoTags", List.of(tag), "Layers", layerPaths))));

            Path tar = Files.createTempFile("e2e-archive", ".tar");
            List<String> command = new ArrayList<>(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(),
                    "manifest.json", configName));
            layerPaths.stream().map(path -> path.substring(0, path.indexOf('/'))).distinct().forEach(command::add);
            CommandResult made = Commands.run(Duration.ofSeconds(60), command.toArray(String[]::new));
            deleteTree(dir);
            if (made.exitCode() != 0) {
                throw new AssertionError("tar failed\n" + made);
            }
            return tar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}

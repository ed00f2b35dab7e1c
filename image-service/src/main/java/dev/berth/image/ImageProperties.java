package dev.berth.image;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.berth.image.pull.PullProperties;
import dev.berth.image.registry.RegistryConfig;

/**
 * Configuration of the image-service, {@code berth.image.*}.
 *
 * @param root     directory holding the content store ({@code blobs/}, {@code ingest/}) and the image
 *                 metadata ({@code images/}, {@code repositories.json}); default
 *                 {@code ${BERTH_DATA_ROOT:/var/lib/berth}/images}
 * @param registry how registries are spoken to, {@code berth.image.registry.*}: timeouts, retries,
 *                 insecure registries, mirrors, the certs.d directory
 * @param pull     {@code berth.image.pull.*}: concurrent layer downloads
 */
@ConfigurationProperties("berth.image")
public record ImageProperties(Path root, RegistryConfig registry, PullProperties pull) {

    public ImageProperties {
        if (root == null) {
            root = Path.of(System.getenv().getOrDefault("BERTH_DATA_ROOT", "/var/lib/berth"), "images");
        }
        registry = registry == null ? RegistryConfig.defaults() : registry;
        pull = pull == null ? PullProperties.defaults() : pull;
    }
}

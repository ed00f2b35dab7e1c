package dev.berth.image;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the image-service, {@code berth.image.*}.
 *
 * @param root directory holding the content store ({@code blobs/}, {@code ingest/}) and the image
 *             metadata ({@code images/}, {@code repositories.json}); default
 *             {@code ${BERTH_DATA_ROOT:/var/lib/berth}/images}
 */
@ConfigurationProperties("berth.image")
public record ImageProperties(Path root) {

    public ImageProperties {
        if (root == null) {
            root = Path.of(System.getenv().getOrDefault("BERTH_DATA_ROOT", "/var/lib/berth"), "images");
        }
    }
}

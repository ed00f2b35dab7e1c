package dev.berth.gateway.backend;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway finds its backends, and what it calls itself.
 *
 * @param imageService     host:port of image-service's gRPC server
 * @param containerService host:port of container-service's gRPC server
 * @param dataRoot         reported as DockerRootDir by /info
 */
@ConfigurationProperties("berth.gateway")
public record GatewayProperties(
        @DefaultValue("127.0.0.1:9101") String imageService,
        @DefaultValue("127.0.0.1:9102") String containerService,
        @DefaultValue("/var/lib/berth") String dataRoot) {
}

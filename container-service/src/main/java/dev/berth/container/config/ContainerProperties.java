package dev.berth.container.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code berth.container.*}: where the embedded database lives, which node-agents exist, where
 * image-service is.
 *
 * @param dataRoot     directory of the embedded H2 database
 * @param nodes        node-agents, upserted into the nodes table at startup
 * @param imageService host:port of image-service, which resolves images at create
 */
@ConfigurationProperties("berth.container")
public record ContainerProperties(String dataRoot, List<Node> nodes, String imageService) {

    public ContainerProperties {
        if (dataRoot == null || dataRoot.isBlank()) {
            dataRoot = "/var/lib/berth/containers-db";
        }
        if (imageService == null || imageService.isBlank()) {
            imageService = "127.0.0.1:9101";
        }
        if (nodes == null || nodes.isEmpty()) {
            nodes = List.of(new Node("local", "127.0.0.1:9103"));
        }
        nodes = List.copyOf(nodes);
    }

    /**
     * @param id      stable node name, stored with each container placed there
     * @param address host:port of the node-agent's gRPC server
     */
    public record Node(String id, String address) {
    }
}

package dev.berth.container.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code berth.container.*}: where the embedded database lives and which node-agents exist.
 *
 * @param dataRoot directory of the embedded H2 database
 * @param nodes    node-agents, upserted into the nodes table at startup
 */
@ConfigurationProperties("berth.container")
public record ContainerProperties(String dataRoot, List<Node> nodes) {

    public ContainerProperties {
        if (dataRoot == null || dataRoot.isBlank()) {
            dataRoot = "/var/lib/berth/containers-db";
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

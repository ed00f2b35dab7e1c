package dev.berth.node.resources;

import dev.berth.node.spec.CgroupResources;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecBuilder;
import dev.berth.proto.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * `docker update`'s new resources as OCI {@code linux.resources}: written into a bundle's
 * config.json (so later starts get them) and, for a running container, handed to
 * {@code runc update --resources}. Device rules are the container's own and stay as they are.
 */
public final class ResourceUpdate {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] PARTS = {"memory", "cpu", "pids", "blockIO"};

    private ResourceUpdate() {
    }

    /** The resource parts (memory, cpu, pids, blockIO) for this host config; a part without limits is absent. */
    public static ObjectNode resources(HostConfig host) {
        SpecBuilder builder = new SpecBuilder();
        CgroupResources.of(host).applyTo(builder);
        OciSpec.Resources built = builder.build().linux().resources();
        ObjectNode node = JSON.createObjectNode();
        putIfSet(node, "memory", built.memory());
        putIfSet(node, "cpu", built.cpu());
        putIfSet(node, "pids", built.pids());
        putIfSet(node, "blockIO", built.blockIO());
        return node;
    }

    /** Replaces the resource parts of the bundle's config.json, keeping the rest (device rules included). */
    public static void rewrite(Path configJson, HostConfig host) throws IOException {
        ObjectNode spec = (ObjectNode) JSON.readTree(Files.readAllBytes(configJson));
        ObjectNode linux = spec.has("linux") ? (ObjectNode) spec.get("linux") : spec.putObject("linux");
        ObjectNode resources = linux.has("resources") ? (ObjectNode) linux.get("resources") : linux.putObject("resources");
        ObjectNode updated = resources(host);
        for (String part : PARTS) {
            JsonNode value = updated.get(part);
            if (value == null) {
                resources.remove(part);
            } else {
                resources.set(part, value);
            }
        }
        Path next = configJson.resolveSibling(configJson.getFileName() + ".next");
        Files.write(next, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec));
        Files.move(next, configJson, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static byte[] toBytes(ObjectNode resources) {
        return JSON.writeValueAsBytes(resources);
    }

    private static void putIfSet(ObjectNode node, String name, Object value) {
        if (value != null) {
            node.set(name, JSON.valueToTree(value));
        }
    }
}

package dev.berth.node.network;

import dev.berth.common.error.BerthException;
import dev.berth.node.command.ExternalCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one CNI plugin the way the CNI spec says a runtime does: the command and the container in
 * the environment, the network's config on stdin, the result (or an error object) on stdout.
 */
@Component
public class CniRunner {

    /** The container's interface inside its namespace, as Docker names it. */
    public static final String INTERFACE = "eth0";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CniRunner.class);

    private final NetworkProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    public CniRunner(NetworkProperties properties) {
        this.properties = properties;
    }

    /** ADD: returns the plugin's result JSON. */
    public String add(String plugin, String containerId, Path netns, String ifname, byte[] config) {
        return call("ADD", plugin, containerId, netns, ifname, config);
    }

    /** DEL: releases what ADD made; the spec wants it to succeed when there is nothing left. */
    public void delete(String plugin, String containerId, Path netns, String ifname, byte[] config) {
        call("DEL", plugin, containerId, netns, ifname, config);
    }

    private String call(String command, String plugin, String containerId, Path netns, String ifname, byte[] config) {
        Map<String, String> env = Map.of(
                "CNI_COMMAND", command,
                "CNI_CONTAINERID", containerId,
                "CNI_NETNS", netns.toString(),
                "CNI_IFNAME", ifname,
                "CNI_PATH", properties.cniPath());
        long start = System.nanoTime();
        ExternalCommand.Result result = ExternalCommand.of(properties.pluginTimeout(),
                        List.of(Path.of(properties.cniPath(), plugin).toString()))
                .withInput(config).withEnvironment(env).run();
        log.debug("CNI {} {} for {}: {} ms", plugin, command, containerId, (System.nanoTime() - start) / 1_000_000);
        if (!result.ok()) {
            throw BerthException.internal("CNI plugin " + plugin + " " + command + " failed: " + errorText(result), null);
        }
        return result.output();
    }

    /** The spec's error object {"code", "msg", "details"}, or whatever the plugin printed. */
    String errorText(ExternalCommand.Result result) {
        try {
            JsonNode error = json.readTree(result.output());
            String msg = error.path("msg").asString("");
            String details = error.path("details").asString("");
            if (!msg.isEmpty()) {
                return details.isEmpty() ? msg : msg + ": " + details;
            }
        } catch (RuntimeException notJson) {
            // fall through to the raw text
        }
        return result.output().isEmpty() ? "exit code " + result.exitCode() : result.output();
    }
}

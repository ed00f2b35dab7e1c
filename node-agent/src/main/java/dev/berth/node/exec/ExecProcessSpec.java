package dev.berth.node.exec;

import dev.berth.node.spec.UserResolver;
import dev.berth.node.spec.security.HostCapabilities;
import dev.berth.proto.v1.ExecConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OCI process an exec runs: the container's own {@code process} from its config.json (its
 * capabilities, rlimits, no-new-privileges and the rest stay as the container has them) with the
 * exec's command, environment, user, working directory and terminal in their place, and with
 * {@code --privileged} all of the host's capabilities.
 */
final class ExecProcessSpec {

    private ExecProcessSpec() {
    }

    static ObjectNode build(JsonNode containerProcess, ExecConfig config, UserResolver.ResolvedUser user) {
        ObjectNode process = ((ObjectNode) containerProcess).deepCopy();
        process.remove("consoleSize");
        process.put("terminal", config.getTty());
        if (config.getTty() && config.getConsoleHeight() > 0 && config.getConsoleWidth() > 0) {
            ObjectNode size = process.putObject("consoleSize");
            size.put("height", config.getConsoleHeight());
            size.put("width", config.getConsoleWidth());
        }
        ArrayNode args = process.putArray("args");
        config.getCmdList().forEach(args::add);
        ArrayNode env = process.putArray("env");
        mergedEnv(containerProcess.path("env"), config).forEach((key, entry) -> env.add(entry));
        if (!config.getWorkingDir().isEmpty()) {
            process.put("cwd", config.getWorkingDir());
        }
        if (config.getPrivileged()) {
            // As Docker: every capability the host has, in every set but the inheritable one.
            ObjectNode capabilities = process.putObject("capabilities");
            for (String set : new String[] {"bounding", "effective", "permitted"}) {
                ArrayNode names = capabilities.putArray(set);
                HostCapabilities.read().names().forEach(names::add);
            }
        }
        if (user != null) {
            ObjectNode ociUser = process.putObject("user");
            ociUser.put("uid", user.uid());
            ociUser.put("gid", user.gid());
            if (!user.additionalGids().isEmpty()) {
                ArrayNode gids = ociUser.putArray("additionalGids");
                user.additionalGids().forEach(gids::add);
            }
        }
        return process;
    }

    /** The container's variables, then the exec's, a later KEY replacing an earlier one in place. */
    private static Map<String, String> mergedEnv(JsonNode containerEnv, ExecConfig config) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (JsonNode entry : containerEnv) {
            put(byKey, entry.asString(""));
        }
        config.getEnvList().forEach(entry -> put(byKey, entry));
        return byKey;
    }

    private static void put(Map<String, String> byKey, String entry) {
        int equals = entry.indexOf('=');
        byKey.put(equals < 0 ? entry : entry.substring(0, equals), entry);
    }
}

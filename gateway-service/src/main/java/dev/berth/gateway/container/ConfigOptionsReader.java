package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.Ulimit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * Reads the HostConfig options that shape the container's process and filesystem (Init, Ulimits,
 * Sysctls, ShmSize, ReadonlyRootfs, Tmpfs, GroupAdd) into the request. Only their JSON shape is
 * checked here; the node checks their meaning (namespaced sysctls, ulimit names, groups in the
 * image) with Docker's messages.
 */
final class ConfigOptionsReader {

    private ConfigOptionsReader() {
    }

    static void read(JsonNode host, HostConfig.Builder out) {
        JsonNode init = host.get("Init");
        if (init != null && !init.isNull()) {
            if (!init.isBoolean()) {
                throw badJson("HostConfig.Init must be a boolean");
            }
            out.setInit(init.booleanValue());
        }
        out.setReadonlyRootfs(host.path("ReadonlyRootfs").asBoolean(false));
        JsonNode shm = host.get("ShmSize");
        if (shm != null && !shm.isNull()) {
            if (!shm.isIntegralNumber() || !shm.canConvertToLong()) {
                throw badJson("HostConfig.ShmSize must be an integer");
            }
            out.setShmSize(shm.longValue());
        }
        for (JsonNode ulimit : array(host, "Ulimits")) {
            if (!ulimit.isObject()) {
                throw badJson("HostConfig.Ulimits must be a list of {Name, Soft, Hard}");
            }
            out.addUlimits(Ulimit.newBuilder()
                    .setName(ulimit.path("Name").asString(""))
                    .setSoft(integer(ulimit, "Soft"))
                    .setHard(integer(ulimit, "Hard")));
        }
        stringMap(host, "Sysctls").properties().forEach(e -> out.putSysctls(e.getKey(), e.getValue().asString()));
        stringMap(host, "Tmpfs").properties().forEach(e -> out.putTmpfs(e.getKey(), e.getValue().asString()));
        for (JsonNode bind : array(host, "Binds")) {
            if (!bind.isString()) {
                throw badJson("HostConfig.Binds must be a list of strings");
            }
            out.addBinds(bind.asString());
        }
        for (JsonNode group : array(host, "GroupAdd")) {
            if (!group.isString()) {
                throw badJson("HostConfig.GroupAdd must be a list of strings");
            }
            out.addGroupAdd(group.asString());
        }
    }

    private static Iterable<JsonNode> array(JsonNode host, String field) {
        JsonNode value = host.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw badJson("HostConfig." + field + " must be a list");
        }
        return value.values();
    }

    private static JsonNode stringMap(JsonNode host, String field) {
        JsonNode value = host.get(field);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw badJson("HostConfig." + field + " must be an object of strings");
        }
        value.properties().forEach(e -> {
            if (!e.getValue().isString()) {
                throw badJson("HostConfig." + field + " must be an object of strings");
            }
        });
        return value;
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw badJson("HostConfig.Ulimits." + field + " must be an integer");
        }
        return value.longValue();
    }

    private static DockerApiException badJson(String what) {
        return DockerApiException.badRequest("invalid JSON: " + what);
    }
}

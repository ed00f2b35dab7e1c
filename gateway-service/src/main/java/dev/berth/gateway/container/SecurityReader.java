package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.DeviceMapping;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.PathList;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The security part of a create request's HostConfig (Privileged, CapAdd, CapDrop, SecurityOpt,
 * Devices, MaskedPaths, ReadonlyPaths), carried as the client sent it: the node checks the values
 * against its host, as dockerd does.
 */
final class SecurityReader {

    private SecurityReader() {
    }

    static void read(JsonNode host, HostConfig.Builder out) {
        JsonNode privileged = host.get("Privileged");
        if (privileged != null && !privileged.isNull() && !privileged.isBoolean()) {
            throw DockerApiException.badRequest("invalid JSON: HostConfig.Privileged must be a boolean");
        }
        out.setPrivileged(privileged != null && privileged.asBoolean(false))
                .addAllCapAdd(strings(host, "CapAdd"))
                .addAllCapDrop(strings(host, "CapDrop"))
                .addAllSecurityOpt(strings(host, "SecurityOpt"))
                .addAllDevices(devices(host.get("Devices")));
        // null or absent: Docker's defaults; a list, even empty, replaces them.
        JsonNode masked = host.get("MaskedPaths");
        if (masked != null && !masked.isNull()) {
            out.setMaskedPaths(PathList.newBuilder().addAllPaths(strings(host, "MaskedPaths")));
        }
        JsonNode readonly = host.get("ReadonlyPaths");
        if (readonly != null && !readonly.isNull()) {
            out.setReadonlyPaths(PathList.newBuilder().addAllPaths(strings(host, "ReadonlyPaths")));
        }
    }

    private static List<DeviceMapping> devices(JsonNode node) {
        List<DeviceMapping> devices = new ArrayList<>();
        if (node == null || node.isNull()) {
            return devices;
        }
        if (!node.isArray()) {
            throw DockerApiException.badRequest("invalid JSON: HostConfig.Devices must be an array");
        }
        for (JsonNode device : node) {
            if (!device.isObject()) {
                throw DockerApiException.badRequest("invalid JSON: HostConfig.Devices must hold objects");
            }
            devices.add(DeviceMapping.newBuilder()
                    .setPathOnHost(device.path("PathOnHost").asString(""))
                    .setPathInContainer(device.path("PathInContainer").asString(""))
                    .setCgroupPermissions(device.path("CgroupPermissions").asString(""))
                    .build());
        }
        return devices;
    }

    private static List<String> strings(JsonNode host, String field) {
        JsonNode node = host.get(field);
        List<String> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw DockerApiException.badRequest("invalid JSON: HostConfig." + field + " must be an array of strings");
        }
        for (JsonNode value : node) {
            if (!value.isString()) {
                throw DockerApiException.badRequest("invalid JSON: HostConfig." + field + " must be an array of strings");
            }
            list.add(value.asString());
        }
        return list;
    }
}

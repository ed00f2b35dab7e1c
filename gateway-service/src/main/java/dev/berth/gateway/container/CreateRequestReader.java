package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the body of POST /containers/create, keeping "absent" apart from "empty". */
final class CreateRequestReader {

    private CreateRequestReader() {
    }

    static RequestedConfig read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw DockerApiException.badRequest("config cannot be empty in order to create a container");
        }
        if (!body.isObject()) {
            throw DockerApiException.badRequest("invalid JSON: the body must be a JSON object");
        }
        JsonNode host = body.path("HostConfig");
        String image = text(body, "Image");
        if (image.isEmpty()) {
            throw DockerApiException.badRequest("No image was specified");
        }
        return new RequestedConfig(
                text(body, "Hostname"),
                text(body, "Domainname"),
                text(body, "User"),
                body.path("AttachStdin").asBoolean(false),
                body.path("AttachStdout").asBoolean(false),
                body.path("AttachStderr").asBoolean(false),
                body.path("Tty").asBoolean(false),
                body.path("OpenStdin").asBoolean(false),
                body.path("StdinOnce").asBoolean(false),
                strings(body.get("Env")),
                strings(body.get("Cmd")),
                strings(body.get("Entrypoint")),
                image,
                text(body, "WorkingDir"),
                labels(body.get("Labels")),
                text(body, "StopSignal"),
                integer(body, "StopTimeout"),
                keys(body.get("ExposedPorts")),
                keys(body.get("Volumes")),
                host.path("AutoRemove").asBoolean(false),
                host.isObject() ? text(host, "NetworkMode") : "");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw DockerApiException.badRequest("invalid JSON: " + field + " must be an integer");
        }
        return value.intValue();
    }

    /** A list of strings, or null when absent; a lone string counts as a one-element list (old clients). */
    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(v -> list.add(v.asString()));
        } else {
            list.add(node.asString());
        }
        return list;
    }

    private static Map<String, String> labels(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    private static List<String> keys(JsonNode node) {
        if (node == null || !node.isObject()) {
            return List.of();
        }
        return new ArrayList<>(node.propertyNames());
    }
}

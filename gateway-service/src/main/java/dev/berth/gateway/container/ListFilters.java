package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.Filter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's `filters` query parameter: {"status":["running"]}, or the older
 * {"status":{"running":true}} form that clients before API 1.22 sent.
 */
public final class ListFilters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ListFilters() {
    }

    public static List<Filter> parse(String filters) {
        if (filters == null || filters.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(filters);
        } catch (JacksonException e) {
            throw DockerApiException.badRequest("invalid filter: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw DockerApiException.badRequest("invalid filter: expected a JSON object");
        }
        List<Filter> parsed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            Filter.Builder filter = Filter.newBuilder().setKey(entry.getKey());
            JsonNode values = entry.getValue();
            if (values.isArray()) {
                values.values().forEach(v -> filter.addValues(v.asString()));
            } else if (values.isObject()) {
                values.properties().stream().filter(v -> v.getValue().asBoolean(false))
                        .forEach(v -> filter.addValues(v.getKey()));
            } else {
                throw DockerApiException.badRequest("invalid filter: values of '" + entry.getKey()
                        + "' must be a list or an object");
            }
            parsed.add(filter.build());
        }
        return parsed;
    }

    /** A {@code label} filter value, key or key=value, against a set of labels. */
    public static boolean labelMatches(String label, Map<String, String> labels) {
        int eq = label.indexOf('=');
        return eq < 0 ? labels.containsKey(label) : label.substring(eq + 1).equals(labels.get(label.substring(0, eq)));
    }
}

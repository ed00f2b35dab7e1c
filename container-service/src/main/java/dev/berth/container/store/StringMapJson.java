package dev.berth.container.store;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Labels and options as stored: a JSON object of strings, keys sorted. */
public final class StringMapJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> STRINGS = new TypeReference<>() { };

    private StringMapJson() {
    }

    public static String write(Map<String, String> map) {
        return JSON.writeValueAsString(new TreeMap<>(map));
    }

    public static Map<String, String> read(String json) {
        return JSON.readValue(json, STRINGS);
    }
}

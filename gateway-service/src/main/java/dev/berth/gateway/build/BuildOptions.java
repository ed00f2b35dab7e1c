package dev.berth.gateway.build;

import dev.berth.gateway.api.DockerApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What POST /build asks for, from its query. The options of Docker's classic builder that Berth
 * does not honour yet are refused by name when they ask for something (the CLI sends most of them
 * with their zero value on every build), never ignored.
 *
 * @param buildArgs   --build-arg; a null value means "take it from the environment", which the CLI
 *                    resolves itself, so here it leaves the ARG's default in place
 * @param networkMode for RUN steps: "default", "bridge", "host" or "none"
 * <p>Intermediate containers are always removed (Docker's --rm, and --force-rm for failed steps):
 * {@code rm=0}, which would keep them, is refused.
 */
public record BuildOptions(List<String> tags, String dockerfile, Map<String, String> buildArgs,
        Map<String, String> labels, boolean noCache, boolean pull, boolean quiet, String target,
        String networkMode) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Options that must be absent, empty or zero; the value is what the user calls it. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("remote", "a remote context (URL or Git repository)"),
            Map.entry("extrahosts", "--add-host"),
            Map.entry("memory", "--memory"),
            Map.entry("memswap", "--memory-swap"),
            Map.entry("cpushares", "--cpu-shares"),
            Map.entry("cpusetcpus", "--cpuset-cpus"),
            Map.entry("cpusetmems", "--cpuset-mems"),
            Map.entry("cpuperiod", "--cpu-period"),
            Map.entry("cpuquota", "--cpu-quota"),
            Map.entry("cgroupparent", "--cgroup-parent"),
            Map.entry("shmsize", "--shm-size"),
            Map.entry("squash", "--squash"),
            Map.entry("isolation", "--isolation"),
            Map.entry("outputs", "--output"),
            Map.entry("session", "a BuildKit session"));

    public static BuildOptions read(MultiValueMap<String, String> query) {
        UNSUPPORTED.forEach((name, option) -> {
            String value = query.getFirst(name);
            if (value != null && !value.isEmpty() && !value.equals("0") && !value.equals("false")
                    && !(name.equals("isolation") && value.equals("default"))) {
                throw DockerApiException.badRequest("Berth's builder does not support " + option + " yet");
            }
        });
        for (String list : List.of("cachefrom", "ulimits")) {
            String value = query.getFirst(list);
            if (value != null && !value.isEmpty() && !value.equals("[]") && !value.equals("null")) {
                throw DockerApiException.badRequest("Berth's builder does not support "
                        + (list.equals("cachefrom") ? "--cache-from" : "--ulimit") + " yet");
            }
        }
        String version = query.getFirst("version");
        if (version != null && !version.isEmpty() && !version.equals("1")) {
            throw DockerApiException.badRequest("Berth has Docker's classic builder only (version 1): BuildKit is not supported");
        }
        String rm = query.getFirst("rm");
        if (rm != null && (rm.equals("0") || rm.equalsIgnoreCase("false"))) {
            throw DockerApiException.badRequest("Berth's builder always removes intermediate containers: --rm=false is not supported");
        }
        String platform = query.getFirst("platform");
        if (platform != null && !platform.isEmpty()) {
            HostPlatform.require(platform, "--platform");
        }
        String networkMode = orDefault(query.getFirst("networkmode"), "default");
        if (!List.of("default", "bridge", "host", "none").contains(networkMode)) {
            throw DockerApiException.badRequest("Berth's builder does not support --network " + networkMode + " yet");
        }
        return new BuildOptions(
                query.getOrDefault("t", List.of()).stream().filter(t -> !t.isEmpty()).toList(),
                orDefault(query.getFirst("dockerfile"), "Dockerfile"),
                stringMap(query.getFirst("buildargs"), "buildargs"),
                stringMap(query.getFirst("labels"), "labels"),
                flag(query, "nocache"), flag(query, "pull"), flag(query, "q"),
                orDefault(query.getFirst("target"), ""),
                networkMode);
    }

    private static boolean flag(MultiValueMap<String, String> query, String name) {
        String value = query.getFirst(name);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static Map<String, String> stringMap(String json, String name) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> map = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
            return map == null ? Map.of() : map;
        } catch (JacksonException e) {
            throw DockerApiException.badRequest("invalid " + name + ": " + e.getOriginalMessage());
        }
    }
}

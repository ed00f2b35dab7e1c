package dev.berth.image.spec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code config} object of an image config (Docker's container.Config subset an image carries).
 * A null list or map means "not set", which Docker keeps apart from empty: an image whose Cmd is
 * null has no default command at all.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunConfig(
        @JsonProperty("User") String user,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
        @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("StopSignal") String stopSignal,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Healthcheck") HealthcheckDocument healthcheck,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Shell") List<String> shell,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("OnBuild") List<String> onBuild) {

    /** The config of an image imported without changes: everything unset. */
    public static RunConfig empty() {
        return new RunConfig("", null, null, null, "", null, null, null, null, null, null, null);
    }
}

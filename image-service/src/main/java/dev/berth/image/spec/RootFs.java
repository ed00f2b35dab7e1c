package dev.berth.image.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code rootfs}: the layers' diff ids, bottom first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {

    public static RootFs layers(List<String> diffIds) {
        return new RootFs("layers", List.copyOf(diffIds));
    }
}

package dev.berth.image.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of the image history. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HistoryEntry(String created, @JsonProperty("created_by") String createdBy, String comment,
        @JsonProperty("empty_layer") Boolean emptyLayer) {

    public HistoryEntry(String created, String createdBy, String comment) {
        this(created, createdBy, comment, null);
    }

    /** True when the step made no layer (ENV, CMD, ...): it has no diff id in the rootfs. */
    public boolean makesNoLayer() {
        return Boolean.TRUE.equals(emptyLayer);
    }
}

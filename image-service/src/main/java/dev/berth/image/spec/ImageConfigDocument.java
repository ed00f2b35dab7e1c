package dev.berth.image.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The image config JSON (OCI image-spec config.md, with Docker's fields). Its sha256 is the
 * image id, so the exact bytes matter: they are produced once, by {@link ImageConfigCodec}, stored
 * as a blob, and never re-serialised to compute an id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"architecture", "variant", "os", "created", "author", "comment", "config", "rootfs", "history"})
public record ImageConfigDocument(
        String architecture,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
        String os,
        String created,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String author,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String comment,
        RunConfig config,
        RootFs rootfs,
        List<HistoryEntry> history) {
}

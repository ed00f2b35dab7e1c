package dev.berth.image.history;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code docker history}.
 *
 * @param id      the image id for the top step, {@code <missing>} for the steps below it
 * @param created when the step ran, or {@code null} when the config does not say
 * @param tags    the image's tags, on the top step only
 * @param size    uncompressed bytes of the step's layer, 0 for a step without one
 */
public record HistoryStep(String id, Instant created, String createdBy, List<String> tags, long size,
        String comment) {

    public HistoryStep {
        tags = List.copyOf(tags);
    }
}

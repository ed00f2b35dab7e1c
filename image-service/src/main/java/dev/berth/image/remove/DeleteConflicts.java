package dev.berth.image.remove;

import java.util.List;
import java.util.Optional;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

/**
 * What stands in the way of deleting an image, checked in Docker's order with its words. Hard
 * conflicts (a running container) hold even when forced; soft ones (other references, a stopped
 * container) only when not forced.
 */
final class DeleteConflicts {

    private DeleteConflicts() {
    }

    /** A conflict: its message and whether a container caused it. */
    record Conflict(BerthException error, boolean usedByContainer) {
    }

    /**
     * @param soft                whether soft conflicts count (not forced)
     * @param otherReferences     whether references still name the image (counted only when
     *                            {@code checkReferences})
     */
    static Optional<Conflict> find(Digest id, List<ImageUse> users, boolean soft, boolean checkReferences,
            boolean otherReferences) {
        String image = shortId(id);
        Optional<ImageUse> running = users.stream().filter(ImageUse::running).findFirst();
        if (running.isPresent()) {
            return conflict("conflict: unable to delete " + image + " (cannot be forced) - image is being used by"
                    + " running container " + shortId(running.get().containerId()), true);
        }
        if (soft && checkReferences && otherReferences) {
            return conflict("conflict: unable to delete " + image + " (must be forced) - image is referenced in"
                    + " multiple repositories", false);
        }
        Optional<ImageUse> stopped = users.stream().filter(user -> !user.running()).findFirst();
        if (soft && stopped.isPresent()) {
            return conflict("conflict: unable to delete " + image + " (must be forced) - image is being used by"
                    + " stopped container " + shortId(stopped.get().containerId()), true);
        }
        return Optional.empty();
    }

    static String shortId(Digest id) {
        return id.hex().substring(0, 12);
    }

    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    private static Optional<Conflict> conflict(String message, boolean usedByContainer) {
        return Optional.of(new Conflict(BerthException.precondition(message), usedByContainer));
    }
}

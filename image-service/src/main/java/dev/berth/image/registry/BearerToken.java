package dev.berth.image.registry;

import java.time.Instant;

/** A token from a registry's token service and when to stop using it. */
record BearerToken(String value, Instant expiresAt) {

    boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}

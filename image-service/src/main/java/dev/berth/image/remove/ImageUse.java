package dev.berth.image.remove;

/** A container that uses an image; container-service knows them, callers pass them in. */
public record ImageUse(String containerId, boolean running) {
}

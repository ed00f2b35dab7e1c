package dev.berth.image.push;

/** A layer's steps in Docker's push progress. */
public enum PushPhase {
    PREPARING,
    PUSH_WAITING,
    PUSHING,
    PUSHED,
    LAYER_ALREADY_EXISTS,
    MOUNTED
}

package dev.berth.image.registry;

/** What pushing a blob took; Docker shows these as "Layer already exists", "Mounted from", "Pushed". */
public enum PushOutcome {
    ALREADY_EXISTS,
    MOUNTED,
    UPLOADED
}

package dev.berth.image.pull;

/** The steps of one layer, named for the status lines Docker shows for them. */
public enum LayerPhase {
    PULLING_FS_LAYER,
    WAITING,
    DOWNLOADING,
    VERIFYING_CHECKSUM,
    DOWNLOAD_COMPLETE,
    EXTRACTING,
    PULL_COMPLETE,
    ALREADY_EXISTS
}

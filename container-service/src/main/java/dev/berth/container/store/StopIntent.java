package dev.berth.container.store;

/**
 * What a user's stop or kill asked, kept until the user starts the container again: the restart
 * policy reads it at the next exit (Docker's HasBeenManuallyStopped and its restart manager's
 * cancel), and it survives a restart of container-service.
 */
public enum StopIntent {
    /** Nothing asked: the policy decides. */
    NONE,
    /** Signalled by the user: {@code unless-stopped} no longer restarts; {@code always} still does. */
    MANUAL,
    /** Stopped, or killed with SIGKILL or the stop signal: the next exit is not restarted by any policy. */
    STOPPED
}

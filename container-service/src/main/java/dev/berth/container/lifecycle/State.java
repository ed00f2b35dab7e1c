package dev.berth.container.lifecycle;

import java.util.Locale;

import dev.berth.proto.v1.ContainerStatus;

/** A container's status, spelled in the database and in filters as Docker spells it. */
public enum State {
    CREATED(ContainerStatus.CONTAINER_STATUS_CREATED),
    RUNNING(ContainerStatus.CONTAINER_STATUS_RUNNING),
    PAUSED(ContainerStatus.CONTAINER_STATUS_PAUSED),
    RESTARTING(ContainerStatus.CONTAINER_STATUS_RESTARTING),
    REMOVING(ContainerStatus.CONTAINER_STATUS_REMOVING),
    EXITED(ContainerStatus.CONTAINER_STATUS_EXITED),
    DEAD(ContainerStatus.CONTAINER_STATUS_DEAD);

    private final ContainerStatus proto;

    State(ContainerStatus proto) {
        this.proto = proto;
    }

    public String dockerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ContainerStatus toProto() {
        return proto;
    }

    /** Running, paused and restarting all have a live process (Docker's {@code IsRunning}). */
    public boolean hasProcess() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }

    public static State of(String dockerName) {
        return valueOf(dockerName.toUpperCase(Locale.ROOT));
    }

    /** Null when the name is not one of Docker's states. */
    public static State parseOrNull(String dockerName) {
        for (State state : values()) {
            if (state.dockerName().equals(dockerName)) {
                return state;
            }
        }
        return null;
    }
}

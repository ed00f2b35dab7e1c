package dev.berth.gateway.container;

import dev.berth.common.time.ProtoTimes;
import dev.berth.proto.v1.ContainerState;
import dev.berth.proto.v1.ContainerStatus;

import java.time.Duration;
import java.time.Instant;

/** The State and Status columns of `docker ps`, as dockerd's State.String() and StateString(). */
final class ContainerStatusText {

    private ContainerStatusText() {
    }

    /** "created", "running", "paused", "restarting", "removing", "exited" or "dead". */
    static String state(ContainerStatus status) {
        return switch (status) {
            case CONTAINER_STATUS_RUNNING -> "running";
            case CONTAINER_STATUS_PAUSED -> "paused";
            case CONTAINER_STATUS_RESTARTING -> "restarting";
            case CONTAINER_STATUS_REMOVING -> "removing";
            case CONTAINER_STATUS_EXITED -> "exited";
            case CONTAINER_STATUS_DEAD -> "dead";
            default -> "created";
        };
    }

    static String status(ContainerState state, Instant now) {
        switch (state.getStatus()) {
            case CONTAINER_STATUS_RUNNING:
                return "Up " + since(state.hasStartedAt(), state.getStartedAt(), now) + health(state);
            case CONTAINER_STATUS_PAUSED:
                return "Up " + since(state.hasStartedAt(), state.getStartedAt(), now) + " (Paused)";
            case CONTAINER_STATUS_RESTARTING:
                return "Restarting (" + state.getExitCode() + ") "
                        + since(state.hasFinishedAt(), state.getFinishedAt(), now) + " ago";
            case CONTAINER_STATUS_REMOVING:
                return "Removal In Progress";
            case CONTAINER_STATUS_DEAD:
                return "Dead";
            default:
                break;
        }
        if (!state.hasStartedAt()) {
            return "Created";
        }
        if (!state.hasFinishedAt()) {
            return "";
        }
        return "Exited (" + state.getExitCode() + ") " + since(true, state.getFinishedAt(), now) + " ago";
    }

    /** " (health: starting)", " (healthy)", " (unhealthy)", or "" without a healthcheck: Health.String(). */
    private static String health(ContainerState state) {
        if (!state.hasHealth()) {
            return "";
        }
        String status = state.getHealth().getStatus();
        return " (" + ("starting".equals(status) ? "health: starting" : status) + ")";
    }

    private static String since(boolean present, com.google.protobuf.Timestamp time, Instant now) {
        Duration elapsed = present ? Duration.between(ProtoTimes.instant(time), now) : Duration.ZERO;
        return DockerTime.humanDuration(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }
}

package dev.berth.container.restart;

import dev.berth.container.store.StopIntent;
import dev.berth.proto.v1.RestartPolicy;

/** A container's restart policy as a rule: does this exit bring the process back? (Docker's semantics.) */
public record RestartRule(Kind kind, int maximumRetries) {

    public enum Kind { NO, ALWAYS, UNLESS_STOPPED, ON_FAILURE }

    public static RestartRule of(RestartPolicy policy) {
        Kind kind = switch (policy.getName()) {
            case "always" -> Kind.ALWAYS;
            case "unless-stopped" -> Kind.UNLESS_STOPPED;
            case "on-failure" -> Kind.ON_FAILURE;
            default -> Kind.NO;
        };
        return new RestartRule(kind, kind == Kind.ON_FAILURE ? policy.getMaximumRetryCount() : 0);
    }

    /**
     * After an exit with {@code exitCode}, the {@code restartCount}th restart so far: a stop (or a
     * kill with SIGKILL or the stop signal) ends every policy; any other signal from the user ends
     * {@code unless-stopped} only; {@code on-failure} restarts non-zero exits up to its maximum.
     */
    public boolean restartsAfter(int exitCode, StopIntent intent, int restartCount) {
        if (intent == StopIntent.STOPPED) {
            return false;
        }
        return switch (kind) {
            case NO -> false;
            case ALWAYS -> true;
            case UNLESS_STOPPED -> intent != StopIntent.MANUAL;
            case ON_FAILURE -> exitCode != 0 && (maximumRetries == 0 || restartCount < maximumRetries);
        };
    }
}

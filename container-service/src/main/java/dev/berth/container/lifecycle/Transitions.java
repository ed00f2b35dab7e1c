package dev.berth.container.lifecycle;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.berth.common.error.BerthException;

/**
 * The legal moves of the lifecycle state machine. Removal is REMOVING then the row's
 * deletion ("gone"), which is not a state.
 */
public final class Transitions {

    private static final Map<State, Set<State>> LEGAL = new EnumMap<>(State.class);

    static {
        // CREATED -> EXITED: a fast process can exit before its start was recorded.
        LEGAL.put(State.CREATED, EnumSet.of(State.RUNNING, State.EXITED, State.REMOVING, State.DEAD));
        LEGAL.put(State.RUNNING, EnumSet.of(State.EXITED, State.PAUSED, State.RESTARTING, State.REMOVING,
                State.DEAD));
        LEGAL.put(State.PAUSED, EnumSet.of(State.RUNNING, State.EXITED, State.REMOVING, State.DEAD));
        LEGAL.put(State.RESTARTING, EnumSet.of(State.RUNNING, State.EXITED, State.REMOVING, State.DEAD));
        LEGAL.put(State.EXITED, EnumSet.of(State.RUNNING, State.RESTARTING, State.REMOVING, State.DEAD));
        // A removal that failed on the node leaves the container dead, as Docker does.
        LEGAL.put(State.REMOVING, EnumSet.of(State.DEAD));
        LEGAL.put(State.DEAD, EnumSet.of(State.REMOVING));
    }

    private Transitions() {
    }

    public static boolean isLegal(State from, State to) {
        return LEGAL.get(from).contains(to);
    }

    /** FAILED_PRECONDITION unless {@code from -> to} is legal. */
    public static void check(String containerId, State from, State to) {
        if (!isLegal(from, to)) {
            throw BerthException.precondition("container " + containerId + " cannot go from "
                    + from.dockerName() + " to " + to.dockerName());
        }
    }
}

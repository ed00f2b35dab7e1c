package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;

class TransitionsTest {

    /** The whole table: every pair not listed here is illegal. */
    private static final Map<State, Set<State>> EXPECTED = Map.of(
            State.CREATED, EnumSet.of(State.RUNNING, State.EXITED, State.REMOVING, State.DEAD),
            State.RUNNING, EnumSet.of(State.EXITED, State.PAUSED, State.RESTARTING, State.REMOVING, State.DEAD),
            State.PAUSED, EnumSet.of(State.RUNNING, State.EXITED, State.REMOVING, State.DEAD),
            State.RESTARTING, EnumSet.of(State.RUNNING, State.EXITED, State.REMOVING, State.DEAD),
            State.EXITED, EnumSet.of(State.RUNNING, State.RESTARTING, State.REMOVING, State.DEAD),
            State.REMOVING, EnumSet.of(State.DEAD),
            State.DEAD, EnumSet.of(State.REMOVING));

    @Test
    void isLegal_matchesTheTableForEveryPair() {
        for (State from : State.values()) {
            for (State to : State.values()) {
                assertThat(Transitions.isLegal(from, to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(EXPECTED.get(from).contains(to));
            }
        }
    }

    @Test
    void isLegal_everyStateButRemovingCanBeRemoved() {
        for (State from : State.values()) {
            assertThat(Transitions.isLegal(from, State.REMOVING)).isEqualTo(from != State.REMOVING);
        }
    }

    @Test
    void check_illegalTransitionIsFailedPrecondition() {
        assertThatThrownBy(() -> Transitions.check("abc", State.REMOVING, State.RUNNING))
                .isInstanceOfSatisfying(BerthException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BerthException.Kind.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).isEqualTo("container abc cannot go from removing to running");
                });
    }

    @Test
    void check_legalTransitionPasses() {
        Transitions.check("abc", State.EXITED, State.RUNNING);
    }

    @Test
    void state_dockerNamesRoundTrip() {
        for (State state : State.values()) {
            assertThat(State.of(state.dockerName())).isEqualTo(state);
            assertThat(State.parseOrNull(state.dockerName())).isEqualTo(state);
        }
        assertThat(State.parseOrNull("xyz")).isNull();
        assertThat(State.parseOrNull("RUNNING")).isNull();
    }
}

package dev.berth.node.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.common.error.BerthException;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void parse_namesWithAndWithoutPrefixAndNumbers() {
        assertThat(Signals.parse("KILL", 15)).isEqualTo(9);
        assertThat(Signals.parse("SIGKILL", 15)).isEqualTo(9);
        assertThat(Signals.parse("9", 15)).isEqualTo(9);
        assertThat(Signals.parse("sigterm", 9)).isEqualTo(15);
        assertThat(Signals.parse("HUP", 9)).isEqualTo(1);
        assertThat(Signals.parse("RTMIN+1", 9)).isEqualTo(35);
    }

    @Test
    void parse_blank_givesDefault() {
        assertThat(Signals.parse("", 15)).isEqualTo(15);
        assertThat(Signals.parse(null, 9)).isEqualTo(9);
    }

    @Test
    void parse_unknown_isInvalidArgumentWithDockerText() {
        assertThatThrownBy(() -> Signals.parse("NOPE", 9))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT))
                .hasMessage("Invalid signal: NOPE");
        assertThatThrownBy(() -> Signals.parse("99", 9)).hasMessage("Invalid signal: 99");
        assertThatThrownBy(() -> Signals.parse("0", 9)).hasMessage("Invalid signal: 0");
    }
}

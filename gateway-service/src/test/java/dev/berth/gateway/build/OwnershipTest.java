package dev.berth.gateway.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    @Test
    void numericIds_goIntoTheTar_aUidAloneIsItsGidToo() {
        Ownership both = Ownership.of(Optional.of("1000:50"), Optional.empty());
        assertThat(both.overrides().uid()).isEqualTo(1000);
        assertThat(both.overrides().gid()).isEqualTo(50);
        assertThat(both.named()).isNull();
        Ownership alone = Ownership.of(Optional.of("7"), Optional.of("0640"));
        assertThat(alone.overrides().gid()).isEqualTo(7);
        assertThat(alone.overrides().mode()).isEqualTo(0640);
    }

    @Test
    void names_areLeftToTheNode() {
        Ownership named = Ownership.of(Optional.of("app:staff"), Optional.empty());
        assertThat(named.named()).isEqualTo("app:staff");
        assertThat(named.overrides().uid()).isNull();
    }

    @Test
    void aBadChmod_isRefused() {
        assertThatThrownBy(() -> Ownership.of(Optional.empty(), Optional.of("rwx"))).isInstanceOf(BuildFailure.class)
                .hasMessage("invalid chmod parameter: rwx");
        assertThatThrownBy(() -> Ownership.of(Optional.empty(), Optional.of("77777"))).isInstanceOf(BuildFailure.class);
    }
}

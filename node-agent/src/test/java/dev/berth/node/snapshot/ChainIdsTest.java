package dev.berth.node.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    @Test
    void of_singleLayer_isItsDiffId() {
        assertThat(ChainIds.of(List.of(A))).containsExactly(A);
    }

    @Test
    void of_layers_chainEachOnThePrevious() {
        String ab = "sha256:" + ChainIds.sha256Hex(A + " " + B);
        String abc = "sha256:" + ChainIds.sha256Hex(ab + " " + C);
        assertThat(ChainIds.of(List.of(A, B, C))).containsExactly(A, ab, abc);
    }

    @Test
    void sha256Hex_knownVector() {
        assertThat(ChainIds.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

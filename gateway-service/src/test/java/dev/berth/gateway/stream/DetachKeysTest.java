package dev.berth.gateway.stream;

import dev.berth.gateway.api.DockerApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetachKeysTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pass(DetachKeys keys, String input) {
        byte[] in = bytes(input);
        return new String(keys.filter(in, in.length), StandardCharsets.ISO_8859_1);
    }

    @Test
    void parse_defaultIsCtrlPCtrlQ() {
        assertThat(DetachKeys.parse("").keys()).containsExactly(16, 17);
        assertThat(DetachKeys.parse(null).keys()).containsExactly(16, 17);
    }

    @Test
    void parse_dockersNotation() {
        assertThat(DetachKeys.parse("ctrl-x,a,CTRL-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_").keys())
                .containsExactly(24, 'a', 0, 27, 28, 29, 30, 31);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctrl-1", "ctrl-", "abc", "ctrl-p,", "ctrl-aa"})
    void parse_unknownKeys_areRefusedInDockersWords(String spec) {
        assertThatThrownBy(() -> DetachKeys.parse(spec)).isInstanceOf(DockerApiException.class)
                .hasMessage("Invalid detach keys (" + spec + ") provided");
    }

    @Test
    void filter_passesOrdinaryBytes() {
        DetachKeys keys = DetachKeys.parse("");
        assertThat(pass(keys, "hello\n")).isEqualTo("hello\n");
        assertThat(keys.detached()).isFalse();
    }

    @Test
    void filter_detachesOnTheSequence_andDropsWhatFollows() {
        DetachKeys keys = DetachKeys.parse("");
        assertThat(pass(keys, "ab\u0010\u0011cd")).isEqualTo("ab");
        assertThat(keys.detached()).isTrue();
    }

    @Test
    void filter_holdsAPartialSequenceAcrossReads() {
        DetachKeys keys = DetachKeys.parse("");
        assertThat(pass(keys, "a\u0010")).isEqualTo("a");
        assertThat(keys.detached()).isFalse();
        assertThat(pass(keys, "\u0011")).isEmpty();
        assertThat(keys.detached()).isTrue();
    }

    @Test
    void filter_passesABrokenSequenceWhole() {
        DetachKeys keys = DetachKeys.parse("");
        assertThat(pass(keys, "\u0010")).isEmpty();
        assertThat(pass(keys, "x")).isEqualTo("\u0010x");
        assertThat(pass(keys, "\u0010\u0010\u0011")).isEqualTo("\u0010");
        assertThat(keys.detached()).isTrue();
    }
}

package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Go behaviours Docker's messages and splits depend on: durations, %q, whitespace, suggestions, flags. */
class GoTextTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource(delimiter = '|', value = {
            "0          | 0",
            "30s        | 30000000000",
            "1m30s      | 90000000000",
            "500ms      | 500000000",
            "1.5h       | 5400000000000",
            "2h45m      | 9900000000000",
            "-1.5s      | -1500000000",
            "+10us      | 10000",
            "10µs       | 10000",
            "7ns        | 7",
            ".5s        | 500000000",
            "1.s        | 1000000000"
    })
    void duration_parsesAsGo(String text, long nanos) {
        assertThat(GoDuration.parseNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "~~         | time: invalid duration \"\"",
            "-          | time: invalid duration \"-\"",
            "s          | time: invalid duration \"s\"",
            ".s         | time: invalid duration \".s\"",
            "1          | time: missing unit in duration \"1\"",
            "1d         | time: unknown unit \"d\" in duration \"1d\"",
            "9999999999h | time: invalid duration \"9999999999h\""
    })
    void duration_refusals_areGosMessages(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parseNanos(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void quote_escapesAsGo() {
        assertThat(GoStrings.quote("a\"b\\c\td\n\u0001é")).isEqualTo("\"a\\\"b\\\\c\\td\\n\\x01é\"");
    }

    @Test
    void splitOnBlanks_andTrimSpace() {
        assertThat(GoStrings.splitOnBlanks("a  b\tc", 0)).containsExactly("a", "b", "c");
        assertThat(GoStrings.splitOnBlanks("a  b\tc", 2)).containsExactly("a", "b\tc");
        assertThat(GoStrings.splitOnBlanks("a", 2)).containsExactly("a");
        assertThat(GoStrings.trimSpace("\u00a0 x \u2003\u0085")).isEqualTo("x");
    }

    @Test
    void suggestion_closestWithinTwoEdits_inTheCaseWritten() {
        assertThat(Suggestion.didYouMean("CPOY", InstructionBuilder.KEYWORDS, false)).isEqualTo(" (did you mean COPY?)");
        assertThat(Suggestion.didYouMean("Workdri", InstructionBuilder.KEYWORDS, false)).isEqualTo(" (did you mean workdir?)");
        assertThat(Suggestion.didYouMean("something", InstructionBuilder.KEYWORDS, false)).isEmpty();
        assertThat(Suggestion.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void leadingFlags_quotesEscapesAndTheEndOfFlags() {
        LeadingFlags flags = LeadingFlags.split("--a=\"x y\" --b=c\\ d --e='' -- --f g", '\\');

        assertThat(flags.flags()).containsExactly("--a=x y", "--b=c d", "--e=");
        assertThat(flags.rest()).isEqualTo(" --f g");
        assertThat(LeadingFlags.split("src dest", '\\')).isEqualTo(new LeadingFlags(List.of(), "src dest"));
        assertThat(LeadingFlags.split("--only", '\\')).isEqualTo(new LeadingFlags(List.of("--only"), ""));
    }

    @Test
    void shellWords_keepQuotesAndEscapes_andEmptyQuotedWords() {
        assertThat(ShellWords.split("a=\"\" b='x y' c=\"q\\\"q\" d\\ e  ", '\\'))
                .containsExactly("a=\"\"", "b='x y'", "c=\"q\\\"q\"", "d\\ e");
        assertThat(ShellWords.split("'it\\'s", '\\')).containsExactly("'it\\'s");
        assertThat(ShellWords.split("   ", '\\')).isEmpty();
    }
}

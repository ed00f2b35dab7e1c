package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Docker's word processing: quotes, escapes and every substitution form. */
class ShellLexTest {

    private static final VariableLookup ENV = VariableLookup.of(Map.of(
            "PWD", "/home", "SHELL", "bash", "EMPTY", "", "KOREAN", "한국어",
            "FILE", "archive.tar.gz", "SPACED", "  a  b  "));
    private static final ShellLex LEX = new ShellLex('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', emptyValue = "", value = {
            "hello                    | hello",
            "he'll'o                  | hello",
            "he\\'llo                 | he'llo",
            "abc\\tdef                | abctdef",
            "\"abc\\tdef\"            | abc\\tdef",
            "\"abc\\\\tdef\"          | abc\\tdef",
            "'abc\\tdef'              | abc\\tdef",
            "hello\\                  | hello",
            "hello\\\\                | hello\\",
            "\"hel'lo\"               | hel'lo",
            "'hello\\'                | hello\\",
            "\"''\"                   | ''",
            "$.                       | $.",
            "he$1x                    | hex",
            "he$PWD                   | he/home",
            "he\\$PWD                 | he$PWD",
            "he\\\\$PWD               | he\\/home",
            "\"he\\$PWD\"             | he$PWD",
            "'he\\$PWD'               | he\\$PWD",
            "\\${}                    | ${}",
            "he${hi}xx                | hexx",
            "he${PWD}                 | he/home",
            "'he${PWD}'               | he${PWD}",
            "\"he'$PWD'\"             | he'/home'",
            "안녕$KOREAN               | 안녕한국어",
            "${aaa}}                  | }",
            "${aaa:-bbb {foo}         | bbb {foo",
            "${1:-bbb}                | bbb",
            "${1:+bbb}                | ~~",
            "he${XXX:-\\$PWD:}xx      | he$PWD:xx",
            "he${XXX:-\\${PWD}z}xx    | he${PWDz}xx",
            "he${PWD:+${PWD}:}xx      | he/home:xx"
    })
    void processWord_quotesAndEscapes(String word, String expected) {
        assertThat(LEX.processWord(word, ENV)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', emptyValue = "", value = {
            // default when unset; with ':' also when empty
            "${XXX:-000}     | 000",
            "${PWD:-000}     | /home",
            "${EMPTY:-000}   | 000",
            "${EMPTY-000}    | ~~",
            "${XXX-000}      | 000",
            "${XXX:-$PWD}    | /home",
            "${XXX:-${PWD:-yyy}} | /home",
            "${XXX:-\"a b\"} | a b",
            // alternative when set; with ':' only when not empty
            "${XXX:+000}     | ~~",
            "${PWD:+000}     | 000",
            "${EMPTY:+000}   | ~~",
            "${EMPTY+000}    | 000",
            "${PWD:+${SHELL}} | bash",
            // required
            "${PWD?}         | /home",
            "${EMPTY?}       | ~~",
            // prefix and suffix trimming
            "${FILE#*.}      | tar.gz",
            "${FILE##*.}     | gz",
            "${FILE%.*}      | archive.tar",
            "${FILE%%.*}     | archive",
            "${FILE#nope}    | archive.tar.gz",
            "${FILE%.t?r.gz} | archive",
            // replacement
            "${FILE/a/A}     | Archive.tar.gz",
            "${FILE//a/A}    | Archive.tAr.gz",
            "${FILE/.*/}     | archive",
            "${XXX/a/b}      | ~~"
    })
    void processWord_substitutions(String word, String expected) {
        assertThat(LEX.processWord(word, ENV)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "he'llo          | unexpected end of statement while looking for matching single-quote",
            "\"hello\\\"     | unexpected end of statement while looking for matching double-quote",
            "he\\\\'llo      | unexpected end of statement while looking for matching single-quote",
            "${}             | syntax error: bad substitution",
            "he${}xx         | syntax error: bad substitution",
            "${:-x}          | syntax error: bad substitution",
            "${{aaa}         | syntax error: bad substitution",
            "he${PWD         | syntax error: missing '}'",
            "${aaa:-bbb      | syntax error: missing '}'",
            "${aaa:-bbb ${foo} | syntax error: missing '}'",
            "he${.}          | unsupported modifier (.) in substitution",
            "he${XXX:YYY}    | unsupported modifier (:Y) in substitution",
            "he${PWD:=000}xx | unsupported modifier (:=) in substitution",
            "${FILE:#x}      | unsupported modifier (:#) in substitution",
            "${XXX?}         | XXX: is not allowed to be unset",
            "${XXX:?}        | XXX: is not allowed to be unset",
            "${EMPTY:?}      | EMPTY: is not allowed to be empty",
            "${XXX?give it}  | XXX: give it",
            "${FILE/a}       | syntax error: missing '/' in ${}"
    })
    void processWord_refusals_areDockersMessages(String word, String reason) {
        assertThatThrownBy(() -> LEX.processWord(word, ENV))
                .isInstanceOf(VariableExpansionException.class)
                .hasMessage("failed to process " + GoStrings.quote(word) + ": " + reason);
    }

    @Test
    void processWord_keepsSpaces_andUnsetIsEmpty() {
        assertThat(LEX.processWord("a\"  b\"  c", ENV)).isEqualTo("a  b  c");
        assertThat(LEX.processWord("[$SPACED]", ENV)).isEqualTo("[  a  b  ]");
        assertThat(LEX.processWord("$UNSET${UNSET}", ENV)).isEmpty();
    }

    @Test
    void processWords_splitsOnWhitespace_includingWhatVariablesBringIn() {
        VariableLookup env = VariableLookup.of(Map.of("space", "abc  def", "leading", "  ab c"));

        assertThat(LEX.processWords("hello${space}bye", env)).containsExactly("helloabc", "defbye");
        assertThat(LEX.processWords("hello\"${space}\"bye", env)).containsExactly("helloabc  defbye");
        assertThat(LEX.processWords("hello ${leading}def", env)).containsExactly("hello", "ab", "cdef");
        assertThat(LEX.processWords("hello\\ there", env)).containsExactly("hello there");
        assertThat(LEX.processWords("hello\\\" there", env)).containsExactly("hello\"", "there");
        assertThat(LEX.processWords("hello'$there'", env)).containsExactly("hello$there");
        assertThat(LEX.processWords("  ", env)).isEmpty();
        assertThat(LEX.processWords("\"\"", env)).isEmpty();
    }

    @Test
    void backtickEscapeToken_escapesWithBacktick_andBackslashIsPlain() {
        ShellLex windows = new ShellLex('`');

        assertThat(windows.processWord("c:\\$PWD", ENV)).isEqualTo("c:\\/home");
        assertThat(windows.processWord("`$PWD", ENV)).isEqualTo("$PWD");
        assertThat(windows.processWord("\"a`\"b\"", ENV)).isEqualTo("a\"b");
    }

    @Test
    void specialParameters_areLookedUpByTheirCharacter() {
        VariableLookup env = VariableLookup.of(Map.of("@", "all", "1", "first"));

        assertThat(LEX.processWord("$@-$1-${1}", env)).isEqualTo("all-first-first");
    }

    @Test
    void words_fromShellWords_thenProcessWord_areWhatEnvGets() {
        List<String> words = ShellWords.split("a=\"b c\" d=e\\ f g='$h'", '\\');

        assertThat(words).containsExactly("a=\"b c\"", "d=e\\ f", "g='$h'");
        assertThat(words.stream().map(w -> LEX.processWord(w, VariableLookup.of(Map.of("h", "x"))))).containsExactly(
                "a=b c", "d=e f", "g=$h");
    }
}

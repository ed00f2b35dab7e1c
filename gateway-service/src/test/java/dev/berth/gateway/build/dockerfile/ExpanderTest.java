package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which instructions get variables substituted, and how. */
class ExpanderTest {

    private static final VariableLookup VARS = VariableLookup.of(Map.of(
            "A", "alpha", "EMPTY", "", "DIR", "/srv/app", "USER", "app", "PORTS", "80 443/udp",
            "TAG", "3.19", "PLATFORM", "linux/arm64"));

    @SuppressWarnings("unchecked")
    private static <T extends Instruction> T expanded(String line) {
        Instruction parsed = Dockerfile.parse("FROM scratch\n" + line + "\n").last().instructions().get(0);
        return (T) Expander.expand(parsed, VARS);
    }

    @Test
    void defaultForm_setUnsetAndEmpty() {
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR ${A:-x}").path()).isEqualTo("alpha");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR ${UNSET:-x}").path()).isEqualTo("x");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR ${EMPTY:-x}").path()).isEqualTo("x");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR /${EMPTY-x}").path()).isEqualTo("/");
    }

    @Test
    void alternativeForm_setUnsetAndEmpty() {
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR /${A:+x}").path()).isEqualTo("/x");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR /${UNSET:+x}").path()).isEqualTo("/");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR /${EMPTY:+x}").path()).isEqualTo("/");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR /${EMPTY+x}").path()).isEqualTo("/x");
    }

    @Test
    void escapedDollar_andSingleQuotes_stayLiteral() {
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR \\$A/$A").path()).isEqualTo("$A/alpha");
        Instruction.Env env = expanded("ENV X='$A' Y=\"$A\" Z=\\$A");
        assertThat(env.pairs()).containsExactly(Map.entry("X", "$A"), Map.entry("Y", "alpha"), Map.entry("Z", "$A"));
    }

    @Test
    void env_namesAndValues_allSeeTheVariablesBeforeTheInstruction() {
        Instruction.Env env = expanded("ENV A=new B=$A C_${A}=1");

        assertThat(env.pairs()).containsExactly(Map.entry("A", "new"), Map.entry("B", "alpha"), Map.entry("C_alpha", "1"));
        assertThat(env.original()).isEqualTo("ENV A=new B=$A C_${A}=1");
        assertThat(env.line()).isEqualTo(2);
    }

    @Test
    void env_legacyForm_valueIsOneWordWithItsSpaces() {
        Instruction.Env env = expanded("ENV PATH $DIR/bin:${A}   end");

        assertThat(env.pairs()).containsExactly(Map.entry("PATH", "/srv/app/bin:alpha   end"));
    }

    @Test
    void label_namesAndValues() {
        Instruction.Label label = expanded("LABEL \"org.$A\"=\"v ${TAG}\" plain=$UNSET");

        assertThat(label.pairs()).containsExactly(Map.entry("org.alpha", "v 3.19"), Map.entry("plain", ""));
    }

    @Test
    void arg_namesAndDefaults() {
        Instruction.Arg arg = expanded("ARG V=${TAG:-1} W \"Q\"=\"a b\"");

        assertThat(arg.args()).containsExactly(
                new Instruction.ArgDef("V", Optional.of("3.19")),
                new Instruction.ArgDef("W", Optional.empty()),
                new Instruction.ArgDef("Q", Optional.of("a b")));
    }

    @Test
    void copy_shellForm_doesNotGroupQuotedWords_soAQuotedSpaceFails_asInDocker() {
        Instruction.Copy copy = (Instruction.Copy) Dockerfile.parse("FROM scratch\nCOPY \"my file\" /dest/\n")
                .last().instructions().get(0);

        assertThat(copy.sources()).containsExactly("\"my", "file\"");
        assertThatThrownBy(() -> Expander.expand(copy, VARS)).isInstanceOf(VariableExpansionException.class)
                .hasMessage("failed to process \"\\\"my\": unexpected end of statement while looking for matching double-quote");
    }

    @Test
    void copy_flagsExpanded_andAFlagEmptiedBySubstitution_isNotGiven() {
        Instruction.Copy copy = expanded("COPY --from=$A --chown=${USER}:${USER} --chmod=$EMPTY $A.txt $DIR/");

        assertThat(copy.sources()).containsExactly("alpha.txt");
        assertThat(copy.dest()).isEqualTo("/srv/app/");
        assertThat(copy.from()).contains("$A");
        assertThat(copy.chown()).contains("app:app");
        assertThat(copy.chmod()).isEmpty();
    }

    @Test
    void copy_jsonForm_isExpandedToo() {
        Instruction.Copy copy = expanded("COPY [\"$A dir\", \"$DIR\"]");

        assertThat(copy.sources()).containsExactly("alpha dir");
        assertThat(copy.dest()).isEqualTo("/srv/app");
    }

    @Test
    void add_sourcesDestinationAndFlags() {
        Instruction.Add add = expanded("ADD --chown=$USER --checksum=sha256:${A} https://x/$TAG.tgz $DIR");

        assertThat(add.sources()).containsExactly("https://x/3.19.tgz");
        assertThat(add.dest()).isEqualTo("/srv/app");
        assertThat(add.chown()).contains("app");
        assertThat(add.checksum()).contains("sha256:alpha");
    }

    @Test
    void expose_variableMayGiveSeveralPorts_butQuotesKeepOne() {
        assertThat(this.<Instruction.Expose>expanded("EXPOSE $PORTS 8080").ports()).containsExactly("80", "443/udp", "8080");
        assertThat(this.<Instruction.Expose>expanded("EXPOSE \"$PORTS\"").ports()).containsExactly("80 443/udp");
    }

    @Test
    void volumeUserWorkdirStopsignal() {
        assertThat(this.<Instruction.Volume>expanded("VOLUME $DIR/data [x]").paths()).containsExactly("/srv/app/data", "[x]");
        assertThat(this.<Instruction.Volume>expanded("VOLUME [\"$DIR\"]").paths()).containsExactly("/srv/app");
        assertThat(this.<Instruction.User>expanded("USER ${USER}:${GROUP:-staff}").user()).isEqualTo("app:staff");
        assertThat(this.<Instruction.Workdir>expanded("WORKDIR $DIR/sub").path()).isEqualTo("/srv/app/sub");
        assertThat(this.<Instruction.StopSignal>expanded("STOPSIGNAL SIG${A:+TERM}").signal()).isEqualTo("SIGTERM");
    }

    @Test
    void from_imageAndPlatform_butNotTheStageName() {
        Instruction.From from = Dockerfile.parse("FROM --platform=$PLATFORM alpine:${TAG} AS base\n").last().from();

        Instruction.From expanded = (Instruction.From) Expander.expand(from, VARS);

        assertThat(expanded.image()).isEqualTo("alpine:3.19");
        assertThat(expanded.platform()).contains("linux/arm64");
        assertThat(expanded.stageName()).contains("base");
    }

    @Test
    void runCmdEntrypointShellHealthcheckOnbuildMaintainer_areLeftAsParsed() {
        for (String line : List.of("RUN echo $A", "RUN [\"echo\", \"$A\"]", "CMD echo $A", "ENTRYPOINT [\"$A\"]",
                "SHELL [\"/bin/$A\"]", "HEALTHCHECK CMD echo $A", "ONBUILD RUN echo $A", "MAINTAINER $A")) {
            Instruction parsed = Dockerfile.parse("FROM scratch\n" + line + "\n").last().instructions().get(0);

            assertThat(Expander.expand(parsed, VARS)).as(line).isSameAs(parsed);
        }
    }

    @Test
    void backtickEscapeToken_isHonoured() {
        Dockerfile dockerfile = Dockerfile.parse("# escape=`\nFROM scratch\nWORKDIR c:\\$A\\`$A\n");
        Instruction workdir = dockerfile.last().instructions().get(0);

        Instruction.Workdir expanded = (Instruction.Workdir) Expander.expand(workdir, VARS, dockerfile.escapeToken());

        assertThat(expanded.path()).isEqualTo("c:\\alpha\\$A");
    }

    @Test
    void aWordDockerCannotProcess_isRefusedInItsWords() {
        Instruction workdir = Dockerfile.parse("FROM scratch\nWORKDIR ${A\n").last().instructions().get(0);

        assertThatThrownBy(() -> Expander.expand(workdir, VARS))
                .isInstanceOf(VariableExpansionException.class)
                .hasMessage("failed to process \"${A\": syntax error: missing '}'");
    }

    @Test
    void variableLookup_ofEnvList_orElse_andNone() {
        VariableLookup env = VariableLookup.fromEnvList(List.of("A=1", "B=x=y", "C", "A=2"));
        VariableLookup args = VariableLookup.of(Map.of("A", "arg", "D", "4"));
        VariableLookup both = env.orElse(args);

        assertThat(env.lookup("A")).contains("2");
        assertThat(env.lookup("B")).contains("x=y");
        assertThat(env.lookup("C")).contains("");
        assertThat(env.lookup("D")).isEmpty();
        assertThat(both.lookup("A")).contains("2");
        assertThat(both.lookup("D")).contains("4");
        assertThat(VariableLookup.none().lookup("A")).isEmpty();
        assertThat(new ShellLex('\\').processWord("$A-$D-$C-$Z", both)).isEqualTo("2-4--");
    }
}

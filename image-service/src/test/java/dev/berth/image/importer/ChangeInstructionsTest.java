package dev.berth.image.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.common.error.BerthException;
import dev.berth.image.spec.RunConfig;

class ChangeInstructionsTest {

    private static RunConfig apply(String... changes) {
        return ChangeInstructions.parse(List.of(changes)).applyTo(RunConfig.empty());
    }

    @Test
    void applyTo_noChanges_leavesEverythingUnset() {
        RunConfig config = apply();

        assertThat(config.cmd()).isNull();
        assertThat(config.env()).isNull();
        assertThat(config.entrypoint()).isNull();
        assertThat(config.labels()).isNull();
        assertThat(config.workingDir()).isEmpty();
    }

    @Test
    void applyTo_cmdJsonForm_isExecForm() {
        assertThat(apply("CMD [\"/bin/sh\", \"-c\", \"echo hi\"]").cmd()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(apply("CMD []").cmd()).isEmpty();
    }

    @Test
    void applyTo_cmdShellForm_runsThroughShell() {
        assertThat(apply("CMD echo hello world").cmd()).containsExactly("/bin/sh", "-c", "echo hello world");
        assertThat(apply("cmd [not json").cmd()).containsExactly("/bin/sh", "-c", "[not json");
    }

    @Test
    void applyTo_entrypointBothForms_setEntrypoint() {
        assertThat(apply("ENTRYPOINT [\"/bin/sh\"]").entrypoint()).containsExactly("/bin/sh");
        assertThat(apply("ENTRYPOINT top -b").entrypoint()).containsExactly("/bin/sh", "-c", "top -b");
    }

    @Test
    void applyTo_entrypointAfterCmd_keepsCmd() {
        RunConfig config = apply("CMD [\"-l\"]", "ENTRYPOINT [\"ls\"]");

        assertThat(config.cmd()).containsExactly("-l");
        assertThat(config.entrypoint()).containsExactly("ls");
    }

    @Test
    void applyTo_envBothForms_setsVariables() {
        RunConfig config = apply("ENV A=1 B=\"two words\"", "ENV C three more words", "ENV A=one");

        assertThat(config.env()).containsExactly("A=one", "B=two words", "C=three more words");
    }

    @Test
    void applyTo_label_setsLabels() {
        assertThat(apply("LABEL a=b \"c d\"=e", "LABEL legacy value here").labels())
                .containsExactly(entry("a", "b"), entry("c d", "e"), entry("legacy", "value here"));
    }

    @Test
    void applyTo_expose_addsPortsWithDefaultProtocol() {
        assertThat(apply("EXPOSE 80 53/udp 8000-8002").exposedPorts())
                .containsOnlyKeys("80/tcp", "53/udp", "8000/tcp", "8001/tcp", "8002/tcp");
    }

    @Test
    void applyTo_volumeBothForms_addsVolumes() {
        assertThat(apply("VOLUME /data /logs", "VOLUME [\"/cache\"]").volumes())
                .containsOnlyKeys("/data", "/logs", "/cache");
    }

    @Test
    void applyTo_workdirRelative_resolvesAgainstPrevious() {
        assertThat(apply("WORKDIR /app", "WORKDIR sub/../src").workingDir()).isEqualTo("/app/src");
        assertThat(apply("WORKDIR rel").workingDir()).isEqualTo("/rel");
    }

    @Test
    void applyTo_userAndStopSignal_areSet() {
        RunConfig config = apply("USER nobody:nogroup", "STOPSIGNAL SIGKILL");

        assertThat(config.user()).isEqualTo("nobody:nogroup");
        assertThat(config.stopSignal()).isEqualTo("SIGKILL");
    }

    @Test
    void parse_continuationAndComments_areHandled() {
        RunConfig config = apply("# a comment", "ENV A=1 \\\n  B=2", "");

        assertThat(config.env()).containsExactly("A=1", "B=2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RUN echo hi         | run is not a valid change command
            FROM busybox        | from is not a valid change command
            ONBUILD RUN x       | onbuild is not a valid change command
            BOGUS               | bogus is not a valid change command
            CMD                 | dockerfile parse error on line 1: CMD requires at least one argument
            ENV =1              | dockerfile parse error on line 1: ENV names can not be blank
            ENV ONLYKEY         | dockerfile parse error on line 1: ENV must have two arguments
            WORKDIR /a /b       | dockerfile parse error on line 1: WORKDIR requires exactly one argument
            USER a b            | dockerfile parse error on line 1: USER requires exactly one argument
            EXPOSE http         | invalid containerPort: http
            EXPOSE 80/icmp      | invalid proto: icmp
            EXPOSE 70000        | invalid containerPort: 70000
            STOPSIGNAL SIG:TERM | Invalid signal: SIG:TERM
            """)
    void parse_badChange_isRefusedWithDockerMessage(String change, String message) {
        assertThatThrownBy(() -> ChangeInstructions.parse(List.of(change)))
                .isInstanceOf(BerthException.class)
                .hasMessage(message);
    }

    @Test
    void parse_envMixingForms_isSyntaxError() {
        assertThatThrownBy(() -> ChangeInstructions.parse(List.of("ENV A=1 B")))
                .isInstanceOf(BerthException.class)
                .hasMessage("dockerfile parse error on line 1: Syntax error - can't find = in \"B\". "
                        + "Must be of the form: name=value");
    }

    @Test
    void parse_errorOnSecondLine_namesTheLine() {
        assertThatThrownBy(() -> ChangeInstructions.parse(List.of("CMD x", "USER")))
                .hasMessage("dockerfile parse error on line 2: USER requires at least one argument");
    }
}

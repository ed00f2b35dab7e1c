package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What Docker refuses, with its message and the line of the offending instruction. */
class DockerfileErrorsTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("FORM alpine", 1, "unknown instruction: FORM (did you mean FROM?)"),
                refused("FROM alpine\nform x", 2, "unknown instruction: form (did you mean from?)"),
                refused("FROM alpine\nFOOBAR x", 2, "unknown instruction: FOOBAR"),
                refused("FROM", 1, "FROM requires either one or three arguments"),
                refused("FROM a b", 1, "FROM requires either one or three arguments"),
                refused("FROM a to b", 1, "FROM requires either one or three arguments"),
                refused("FROM a AS 1st", 1, "invalid name for build stage: \"1st\", name can't start with a number or contain symbols"),
                refused("FROM a AS my$stage", 1, "invalid name for build stage: \"my$stage\", name can't start with a number or contain symbols"),
                refused("FROM --plattform=linux/amd64 a", 1, "unknown flag: --plattform (did you mean platform?)"),
                refused("FROM alpine\nENV A", 2, "ENV must have two arguments"),
                refused("FROM alpine\nENV", 2, "ENV requires at least one argument"),
                refused("FROM alpine\nENV a=b x", 2, "Syntax error - can't find = in \"x\". Must be of the form: name=value"),
                refused("FROM alpine\nENV =b", 2, "ENV names can not be blank"),
                refused("FROM alpine\nLABEL a", 2, "LABEL must have two arguments"),
                refused("FROM alpine\nLABEL a=b \"c d\"", 2, "Syntax error - can't find = in \"\\\"c d\\\"\". Must be of the form: name=value"),
                refused("FROM alpine\nARG", 2, "ARG requires at least one argument"),
                refused("FROM alpine\nARG =x", 2, "ARG names can not be blank"),
                refused("FROM alpine\nCOPY --bogus=bar a b", 2, "unknown flag: --bogus"),
                refused("FROM alpine\nCOPY --foo=bar a b", 2, "unknown flag: --foo (did you mean from?)"),
                refused("FROM alpine\nCOPY --chowm=1 a b", 2, "unknown flag: --chowm (did you mean chown?)"),
                refused("FROM alpine\nCOPY --chown a b", 2, "missing a value on flag: --chown"),
                refused("FROM alpine\nCOPY --from=a --from=b x y", 2, "duplicate flag specified: --from"),
                refused("FROM alpine\nCOPY --link=maybe a b", 2, "expecting boolean value for flag --link, not: maybe"),
                refused("FROM alpine\nCOPY --link= a b", 2, "missing a value on flag: --link"),
                refused("FROM alpine\nCOPY onlyone", 2, "COPY requires at least two arguments, but only one was provided. Destination could not be determined"),
                refused("FROM alpine\nADD onlyone", 2, "ADD requires at least two arguments, but only one was provided. Destination could not be determined"),
                refused("FROM alpine\nADD --from=x a b", 2, "unknown flag: --from"),
                refused("FROM alpine\nRUN --mount=type=cache --mount2=x make", 2, "unknown flag: --mount2 (did you mean mount?)"),
                refused("FROM alpine\nENV --x=1 A=b", 2, "unknown flag: --x"),
                refused("FROM alpine\nRUN [\"echo\", 1]", 2, "when using JSON array syntax, arrays must be comprised of strings only"),
                refused("FROM alpine\nCMD [[\"nested\"]]", 2, "when using JSON array syntax, arrays must be comprised of strings only"),
                refused("FROM alpine\nSHELL /bin/bash -c", 2, "SHELL requires the arguments to be in JSON form"),
                refused("FROM alpine\nSHELL []", 2, "SHELL requires at least one argument"),
                refused("FROM alpine\nEXPOSE", 2, "EXPOSE requires at least one argument"),
                refused("FROM alpine\nVOLUME", 2, "VOLUME requires at least one argument"),
                refused("FROM alpine\nVOLUME [\"/a\", \" \"]", 2, "VOLUME specified can not be an empty string"),
                refused("FROM alpine\nUSER", 2, "USER requires exactly one argument"),
                refused("FROM alpine\nWORKDIR", 2, "WORKDIR requires exactly one argument"),
                refused("FROM alpine\nSTOPSIGNAL", 2, "STOPSIGNAL requires exactly one argument"),
                refused("FROM alpine\nMAINTAINER", 2, "MAINTAINER requires exactly one argument"),
                refused("FROM alpine\nONBUILD", 2, "ONBUILD requires at least one argument"),
                refused("FROM alpine\nONBUILD ONBUILD RUN x", 2, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                refused("FROM alpine\nONBUILD FROM busybox", 2, "FROM isn't allowed as an ONBUILD trigger"),
                refused("FROM alpine\nONBUILD maintainer me", 2, "MAINTAINER isn't allowed as an ONBUILD trigger"),
                refused("FROM alpine\nONBUILD COPY x", 2, "COPY requires at least two arguments, but only one was provided. Destination could not be determined"),
                // Berth checks a trigger when it parses the ONBUILD; Docker only when a child build runs it.
                refused("FROM alpine\nONBUILD BOGUS x", 2, "unknown instruction: BOGUS"),
                refused("FROM alpine\nONBUILD --x RUN y", 2, "unknown flag: --x"),
                refused("FROM alpine\nHEALTHCHECK", 2, "HEALTHCHECK requires at least one argument"),
                refused("FROM alpine\nHEALTHCHECK NONE x", 2, "HEALTHCHECK NONE takes no arguments"),
                refused("FROM alpine\nHEALTHCHECK CMD", 2, "Missing command after HEALTHCHECK CMD"),
                refused("FROM alpine\nHEALTHCHECK RUN true", 2, "Unknown type \"RUN\" in HEALTHCHECK (try CMD)"),
                refused("FROM alpine\nHEALTHCHECK --interval=abc CMD true", 2, "time: invalid duration \"abc\""),
                refused("FROM alpine\nHEALTHCHECK --timeout=10 CMD true", 2, "time: missing unit in duration \"10\""),
                refused("FROM alpine\nHEALTHCHECK --timeout=10x CMD true", 2, "time: unknown unit \"x\" in duration \"10x\""),
                refused("FROM alpine\nHEALTHCHECK --interval=500us CMD true", 2, "Interval \"interval\" cannot be less than 1ms"),
                refused("FROM alpine\nHEALTHCHECK --retries=x CMD true", 2, "strconv.ParseInt: parsing \"x\": invalid syntax"),
                refused("FROM alpine\nHEALTHCHECK --retries=-1 CMD true", 2, "--retries cannot be negative (-1)"),
                refused("FROM alpine\nHEALTHCHECK --retries=3000000000 CMD true", 2, "strconv.ParseInt: parsing \"3000000000\": value out of range"),
                refused("FROM alpine\nHEALTHCHECK --intervall=1s CMD true", 2, "unknown flag: --intervall (did you mean interval?)"),
                refused("RUN echo hi", 1, "no build stage in current context"),
                refused("ARG A\n# comment\nENV A=1\nFROM alpine", 3, "no build stage in current context"),
                refused("# escape=x\nFROM alpine", 1, "invalid escape token 'x' does not match ` or \\"),
                refused("# escape=`\n# escape=\\\nFROM alpine", 2, "only one escape parser directive can be used"),
                refused("# syntax=a\n# syntax=b\nFROM alpine", 2, "only one syntax parser directive can be used"),
                refused("", 0, "file with no instructions"),
                refused("# only\n\n# comments\n", 3, "file with no instructions"));
    }

    private static Arguments refused(String dockerfile, int line, String reason) {
        return Arguments.of(dockerfile, line, reason);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("refusals")
    void parse_refuses_withDockersMessageAndLine(String dockerfile, int line, String reason) {
        DockerfileParseException e = catchThrowableOfType(() -> Dockerfile.parse(dockerfile), DockerfileParseException.class);

        assertThat(e).as("refusal of %s", dockerfile).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e).hasMessage("dockerfile parse error on line " + line + ": " + reason);
    }

    @Test
    void parse_errorInAContinuedInstruction_namesItsFirstLine() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM alpine\nCOPY \\\n  --chmod \\\n  a b\n"))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessage("dockerfile parse error on line 2: missing a value on flag: --chmod");
    }

    @Test
    void parse_syntaxErrorLaterInTheFile_isReportedBeforeAnUnknownInstructionEarlier() {
        // Docker checks every line's syntax before it checks the instructions.
        assertThatThrownBy(() -> Dockerfile.parse("FROM alpine\nFORM x\nRUN true\nENV A\n"))
                .hasMessage("dockerfile parse error on line 4: ENV must have two arguments");
    }

    @Test
    void parse_firstBadInstruction_isTheOneReported() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM alpine\nUSER\nWORKDIR\n"))
                .hasMessage("dockerfile parse error on line 2: USER requires exactly one argument");
    }
}

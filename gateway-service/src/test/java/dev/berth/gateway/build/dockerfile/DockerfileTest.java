package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file-level rules: directives, comments, continuations, stages, global ARGs, step counts. */
class DockerfileTest {

    @Test
    void parse_simpleFile_givesOneStageWithItsInstructionsInOrder() {
        Dockerfile dockerfile = Dockerfile.parse("""
                FROM alpine:3.19
                RUN apk add curl
                CMD ["curl", "--version"]
                """);

        assertThat(dockerfile.globalArgs()).isEmpty();
        assertThat(dockerfile.stages()).hasSize(1);
        Stage stage = dockerfile.last();
        assertThat(stage.index()).isZero();
        assertThat(stage.name()).isEmpty();
        assertThat(stage.from().image()).isEqualTo("alpine:3.19");
        assertThat(stage.instructions()).extracting(Instruction::keyword).containsExactly("RUN", "CMD");
        assertThat(stage.instructions()).extracting(Instruction::line).containsExactly(2, 3);
        assertThat(dockerfile.escapeToken()).isEqualTo('\\');
    }

    @Test
    void parse_keywordsInAnyCase_areTheSameInstructions() {
        Dockerfile dockerfile = Dockerfile.parse("from alpine\nRuN echo hi\nworkdir /app\n");

        assertThat(dockerfile.last().instructions()).extracting(Instruction::keyword).containsExactly("RUN", "WORKDIR");
        assertThat(dockerfile.last().instructions().get(0).original()).isEqualTo("RuN echo hi");
    }

    @Test
    void parse_commentsAndBlankLines_areDropped_andLinesKeepTheirNumbers() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # a comment

                FROM alpine
                    # an indented comment
                RUN true   # not a comment: the shell sees it

                USER nobody
                """);

        List<Instruction> instructions = dockerfile.last().instructions();
        assertThat(dockerfile.last().from().line()).isEqualTo(3);
        assertThat(instructions).extracting(Instruction::line).containsExactly(5, 7);
        assertThat(((Instruction.Run) instructions.get(0)).args()).containsExactly("true   # not a comment: the shell sees it");
    }

    @Test
    void parse_continuation_joinsLines_keepsIndentation_andDropsCommentsInBetween() {
        Dockerfile dockerfile = Dockerfile.parse("""
                FROM alpine
                RUN apk add \\
                # a comment inside the continuation
                      curl \\

                      git
                USER nobody
                """);

        Instruction.Run run = (Instruction.Run) dockerfile.last().instructions().get(0);
        assertThat(run.line()).isEqualTo(2);
        assertThat(run.original()).isEqualTo("RUN apk add       curl       git");
        assertThat(run.args()).containsExactly("apk add       curl       git");
        assertThat(dockerfile.last().instructions().get(1).line()).isEqualTo(7);
    }

    @Test
    void parse_continuationTokenWithTrailingBlanks_stillContinues() {
        Dockerfile dockerfile = Dockerfile.parse("FROM alpine\nRUN echo a \\  \t\n  b\n");

        assertThat(dockerfile.last().instructions().get(0).original()).isEqualTo("RUN echo a   b");
    }

    @Test
    void parse_escapedEscapeAtLineEnd_doesNotContinue() {
        Dockerfile dockerfile = Dockerfile.parse("FROM alpine\nRUN echo a\\\\\nUSER nobody\n");

        List<Instruction> instructions = dockerfile.last().instructions();
        assertThat(instructions).hasSize(2);
        assertThat(((Instruction.Run) instructions.get(0)).args()).containsExactly("echo a\\\\");
    }

    @Test
    void parse_continuationAtEndOfFile_endsTheInstruction() {
        Dockerfile dockerfile = Dockerfile.parse("FROM alpine\nRUN echo hi \\");

        assertThat(dockerfile.last().instructions().get(0).original()).isEqualTo("RUN echo hi");
    }

    @Test
    void parse_crlfLineEndsAndByteOrderMark_areIgnored() {
        Dockerfile dockerfile = Dockerfile.parse("\uFEFFFROM alpine\r\nRUN echo a \\\r\n b\r\nUSER root\r\n");

        assertThat(dockerfile.last().from().image()).isEqualTo("alpine");
        assertThat(dockerfile.last().instructions()).extracting(Instruction::original)
                .containsExactly("RUN echo a  b", "USER root");
    }

    @Test
    void parse_escapeDirectiveBacktick_continuesWithBacktick_andKeepsBackslashesLiteral() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # escape=`
                FROM mcr.microsoft.com/windows/servercore
                COPY testfile.txt c:\\
                RUN dir c:\\ `
                    /b
                """);

        assertThat(dockerfile.escapeToken()).isEqualTo('`');
        List<Instruction> instructions = dockerfile.last().instructions();
        Instruction.Copy copy = (Instruction.Copy) instructions.get(0);
        assertThat(copy.sources()).containsExactly("testfile.txt");
        assertThat(copy.dest()).isEqualTo("c:\\");
        assertThat(instructions.get(1).original()).isEqualTo("RUN dir c:\\     /b");
        assertThat(instructions.get(1).line()).isEqualTo(4);
    }

    @Test
    void parse_directives_areCaseInsensitive_mayHaveBlanks_andSyntaxIsIgnored() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                #ESCAPE = `
                # check=skip=all
                FROM alpine
                RUN echo `
                  hi
                """);

        assertThat(dockerfile.escapeToken()).isEqualTo('`');
        assertThat(dockerfile.last().instructions().get(0).original()).isEqualTo("RUN echo   hi");
    }

    @Test
    void parse_indentedDirective_andBacktickEscapesInWords() {
        Dockerfile dockerfile = Dockerfile.parse("""
                   # escape=`
                FROM alpine
                ENV A=one` two B="c:\\" C="x `
                    y"
                """);

        Instruction env = dockerfile.last().instructions().get(0);
        Instruction.Env expanded = (Instruction.Env) Expander.expand(env, VariableLookup.none(), dockerfile.escapeToken());
        assertThat(expanded.pairs()).containsExactly(Map.entry("A", "one two"), Map.entry("B", "c:\\"),
                Map.entry("C", "x     y"));
    }

    @Test
    void parse_directiveAfterAComment_isJustAComment() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # a comment first
                # escape=`
                FROM alpine
                RUN echo a \\
                  b
                """);

        assertThat(dockerfile.escapeToken()).isEqualTo('\\');
        assertThat(dockerfile.last().instructions().get(0).original()).isEqualTo("RUN echo a   b");
    }

    @Test
    void parse_directiveAfterABlankLine_isJustAComment() {
        Dockerfile dockerfile = Dockerfile.parse("\n# escape=`\nFROM alpine\n");

        assertThat(dockerfile.escapeToken()).isEqualTo('\\');
    }

    @Test
    void parse_unknownDirective_endsTheDirectives() {
        Dockerfile dockerfile = Dockerfile.parse("# foo=bar\n# escape=`\nFROM alpine\n");

        assertThat(dockerfile.escapeToken()).isEqualTo('\\');
    }

    @Test
    void parse_argsBeforeFirstFrom_areGlobal_andLaterArgsBelongToTheirStage() {
        Dockerfile dockerfile = Dockerfile.parse("""
                ARG BASE=alpine
                ARG VERSION
                FROM ${BASE}:${VERSION:-3.19}
                ARG VERSION
                RUN echo $VERSION
                """);

        assertThat(dockerfile.globalArgs()).hasSize(2);
        Instruction.Arg first = (Instruction.Arg) dockerfile.globalArgs().get(0);
        assertThat(first.args()).containsExactly(new Instruction.ArgDef("BASE", Optional.of("alpine")));
        assertThat(((Instruction.Arg) dockerfile.globalArgs().get(1)).args())
                .containsExactly(new Instruction.ArgDef("VERSION", Optional.empty()));
        assertThat(dockerfile.last().from().image()).isEqualTo("${BASE}:${VERSION:-3.19}");
        assertThat(dockerfile.last().instructions()).extracting(Instruction::keyword).containsExactly("ARG", "RUN");
    }

    @Test
    void parse_multiStage_namesArePlatformsAndIndexes() {
        Dockerfile dockerfile = Dockerfile.parse("""
                FROM --platform=$BUILDPLATFORM golang:1.22 AS Build
                RUN go build -o /out/app .

                FROM alpine as runtime
                COPY --from=build /out/app /usr/local/bin/app

                FROM runtime
                CMD ["app"]
                """);

        List<Stage> stages = dockerfile.stages();
        assertThat(stages).extracting(Stage::index).containsExactly(0, 1, 2);
        assertThat(stages).extracting(Stage::name)
                .containsExactly(Optional.of("build"), Optional.of("runtime"), Optional.empty());
        assertThat(stages.get(0).from().platform()).contains("$BUILDPLATFORM");
        assertThat(stages.get(0).from().stageName()).contains("build");
        assertThat(stages.get(0).from().original()).isEqualTo("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build");
        assertThat(stages.get(1).from().platform()).isEmpty();
        assertThat(stages.get(2).from().image()).isEqualTo("runtime");
        assertThat(((Instruction.Copy) stages.get(1).instructions().get(0)).from()).contains("build");
    }

    @Test
    void stage_findsByNameInAnyCase_orByIndex() {
        Dockerfile dockerfile = Dockerfile.parse("FROM a AS builder\nFROM b AS final\nFROM c\n");

        assertThat(dockerfile.stage("BUILDER")).map(Stage::index).contains(0);
        assertThat(dockerfile.stage("final")).map(Stage::index).contains(1);
        assertThat(dockerfile.stage("2")).map(s -> s.from().image()).contains("c");
        assertThat(dockerfile.stage("0")).map(Stage::name).contains(Optional.of("builder"));
        assertThat(dockerfile.stage("3")).isEmpty();
        assertThat(dockerfile.stage("-1")).isEmpty();
        assertThat(dockerfile.stage("nope")).isEmpty();
        assertThat(dockerfile.last().from().image()).isEqualTo("c");
    }

    @Test
    void stepCount_countsGlobalArgs_andEveryStageUpToTheTarget() {
        Dockerfile dockerfile = Dockerfile.parse("""
                ARG A
                ARG B C=1
                FROM alpine AS one
                RUN true
                RUN true
                FROM alpine AS two
                COPY --from=one / /
                FROM alpine AS three
                """);

        assertThat(dockerfile.stepCount(dockerfile.stage("one").orElseThrow())).isEqualTo(2 + 3);
        assertThat(dockerfile.stepCount(dockerfile.stage("two").orElseThrow())).isEqualTo(2 + 3 + 2);
        assertThat(dockerfile.stepCount(dockerfile.last())).isEqualTo(2 + 3 + 2 + 1);
    }

    @Test
    void stepCount_ofAStageOfAnotherDockerfile_isRefused() {
        Dockerfile one = Dockerfile.parse("FROM a\n");
        Dockerfile two = Dockerfile.parse("FROM b\nRUN x\n");

        assertThatThrownBy(() -> one.stepCount(two.last())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_onlyArgs_hasNoStage() {
        Dockerfile dockerfile = Dockerfile.parse("ARG A=1\n");

        assertThat(dockerfile.stages()).isEmpty();
        assertThat(dockerfile.globalArgs()).hasSize(1);
        assertThatThrownBy(dockerfile::last).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void original_isTheInstructionAsDockerPrintsIt() {
        Dockerfile dockerfile = Dockerfile.parse("""
                FROM alpine
                   ENV   A=1   B=2\s\s
                LABEL "x"="a b" \\
                      y=z
                ONBUILD   RUN make
                """);

        List<Instruction> instructions = dockerfile.last().instructions();
        assertThat(instructions).extracting(Instruction::original).containsExactly(
                "ENV   A=1   B=2",
                "LABEL \"x\"=\"a b\"       y=z",
                "ONBUILD   RUN make");
        assertThat(((Instruction.Env) instructions.get(0)).pairs())
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }
}

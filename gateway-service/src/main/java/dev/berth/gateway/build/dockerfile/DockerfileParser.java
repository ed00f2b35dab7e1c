package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's two passes over a Dockerfile: first every line's syntax, then every instruction's arguments, grouped into
 * stages. The order matters for which error is reported: a syntax error on line 9 comes before an unknown
 * instruction on line 2, as in Docker.
 */
final class DockerfileParser {

    private DockerfileParser() {
    }

    static Dockerfile parse(String text) {
        LogicalLines.Source source = LogicalLines.read(text);
        if (source.lines().isEmpty()) {
            throw new DockerfileParseException(source.physicalLineCount(), "file with no instructions");
        }
        LineParser lineParser = new LineParser(source.escapeToken());
        List<SyntaxNode> nodes = new ArrayList<>();
        for (LogicalLines.Line line : source.lines()) {
            try {
                nodes.add(lineParser.parse(line.number(), line.text()));
            } catch (InstructionSyntaxError e) {
                throw new DockerfileParseException(line.number(), e.getMessage());
            }
        }

        List<Instruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Instruction.From from = null;
        List<Instruction> instructions = new ArrayList<>();
        for (SyntaxNode node : nodes) {
            Instruction instruction;
            try {
                instruction = InstructionBuilder.build(node);
            } catch (InstructionSyntaxError e) {
                throw new DockerfileParseException(node.line(), e.getMessage());
            }
            if (instruction instanceof Instruction.From next) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from.stageName(), from, instructions));
                }
                from = next;
                instructions = new ArrayList<>();
            } else if (from != null) {
                instructions.add(instruction);
            } else if (instruction instanceof Instruction.Arg) {
                globalArgs.add(instruction);
            } else {
                throw new DockerfileParseException(node.line(), "no build stage in current context");
            }
        }
        if (from != null) {
            stages.add(new Stage(stages.size(), from.stageName(), from, instructions));
        }
        return new Dockerfile(source.escapeToken(), globalArgs, stages);
    }
}

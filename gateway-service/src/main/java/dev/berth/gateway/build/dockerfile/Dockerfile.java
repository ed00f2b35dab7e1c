package dev.berth.gateway.build.dockerfile;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A parsed Dockerfile: the ARGs before the first FROM and the build stages, as Docker's classic builder reads them.
 * <pre>{@code
 * Dockerfile dockerfile = Dockerfile.parse(text);
 * Stage target = dockerfile.stage("build").orElseThrow();
 * int steps = dockerfile.stepCount(target);   // the M of "Step N/M"
 * }</pre>
 */
public final class Dockerfile {

    private final char escapeToken;
    private final List<Instruction> globalArgs;
    private final List<Stage> stages;

    Dockerfile(char escapeToken, List<Instruction> globalArgs, List<Stage> stages) {
        this.escapeToken = escapeToken;
        this.globalArgs = List.copyOf(globalArgs);
        this.stages = List.copyOf(stages);
    }

    /**
     * Parses a Dockerfile as Docker does: parser directives ({@code # escape=}, {@code # syntax=}) at the top,
     * comments, line continuations, keywords in any case, the exec (JSON) form where it applies.
     *
     * @throws DockerfileParseException what Docker would refuse, with Docker's message and the line
     */
    public static Dockerfile parse(String text) {
        return DockerfileParser.parse(text);
    }

    /** The escape token, {@code \} or the {@code `} of {@code # escape=`}; {@link Expander} needs it. */
    public char escapeToken() {
        return escapeToken;
    }

    /**
     * The ARGs before the first FROM, each an {@link Instruction.Arg}. Only they (and build args) are visible to the
     * FROM lines; a stage sees them only when it repeats {@code ARG name}.
     */
    public List<Instruction> globalArgs() {
        return globalArgs;
    }

    public List<Stage> stages() {
        return stages;
    }

    /**
     * The stage of that name (any case), or else at that decimal index, as {@code COPY --from} finds stages.
     * Docker's {@code --target} finds stages by name only; if two stages share a name, the first one is found here,
     * while Docker refuses to build the second ({@code <name> stage name already used}).
     */
    public Optional<Stage> stage(String nameOrIndex) {
        for (Stage stage : stages) {
            if (stage.name().filter(name -> name.equalsIgnoreCase(nameOrIndex)).isPresent()) {
                return Optional.of(stage);
            }
        }
        if (!nameOrIndex.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        int index = Integer.parseInt(nameOrIndex);
        return index < stages.size() ? Optional.of(stages.get(index)) : Optional.empty();
    }

    /** The last stage, which is what a build without a target builds. */
    public Stage last() {
        if (stages.isEmpty()) {
            throw new NoSuchElementException("the Dockerfile has no build stage");
        }
        return stages.get(stages.size() - 1);
    }

    /**
     * The M of Docker's {@code Step N/M}: the classic builder builds every stage up to and including the target (not
     * only those the target depends on) and numbers each global ARG, each FROM and each instruction. A build's
     * {@code labels} option adds to that: Docker appends one {@code LABEL} step per label to the target stage.
     */
    public int stepCount(Stage target) {
        if (target.index() < 0 || target.index() >= stages.size() || !stages.get(target.index()).equals(target)) {
            throw new IllegalArgumentException("stage " + target.index() + " is not a stage of this Dockerfile");
        }
        int steps = globalArgs.size();
        for (int i = 0; i <= target.index(); i++) {
            steps += 1 + stages.get(i).instructions().size();
        }
        return steps;
    }
}

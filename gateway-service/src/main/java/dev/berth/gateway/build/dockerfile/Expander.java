package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Variable substitution in an instruction, where and as Docker's classic builder does it, one step at a time with
 * the variables of that step (the stage's ENV and ARGs so far, for FROM only the global ARGs and build args).
 * <ul>
 *   <li>ADD, COPY (sources, destination, {@code --chown}, {@code --chmod}, ADD's {@code --checksum}; not
 *       {@code --from}), ENV and LABEL (names and values), ARG (names and defaults), FROM (image and
 *       {@code --platform}), STOPSIGNAL, USER, VOLUME, WORKDIR: each word processed by {@link ShellLex#processWord};</li>
 *   <li>EXPOSE: each port by {@link ShellLex#processWords}, so {@code $PORTS} may give several ports;</li>
 *   <li>RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER, ONBUILD: unchanged (the shell of the container, or the
 *       build that runs the trigger, reads them).</li>
 * </ul>
 * All words of one instruction see the same variables: {@code ENV A=1 B=$A} gives B the value A had before.
 * A word Docker cannot process (an unterminated quote or brace, a required variable unset) is a
 * {@link VariableExpansionException}.
 */
public final class Expander {

    private Expander() {
    }

    /** Substitution with the default escape token {@code \}. */
    public static Instruction expand(Instruction instruction, VariableLookup variables) {
        return expand(instruction, variables, '\\');
    }

    /** Substitution with the Dockerfile's escape token ({@link Dockerfile#escapeToken()}). */
    public static Instruction expand(Instruction instruction, VariableLookup variables, char escapeToken) {
        ShellLex lex = new ShellLex(escapeToken);
        UnaryOperator<String> word = text -> lex.processWord(text, variables);
        if (instruction instanceof Instruction.Env env) {
            return new Instruction.Env(env.line(), env.original(), pairs(env.pairs(), word));
        }
        if (instruction instanceof Instruction.Label label) {
            return new Instruction.Label(label.line(), label.original(), pairs(label.pairs(), word));
        }
        if (instruction instanceof Instruction.Arg arg) {
            return new Instruction.Arg(arg.line(), arg.original(), arg.args().stream()
                    .map(def -> new Instruction.ArgDef(word.apply(def.name()), def.defaultValue().map(word)))
                    .toList());
        }
        if (instruction instanceof Instruction.Copy copy) {
            return new Instruction.Copy(copy.line(), copy.original(), all(copy.sources(), word), word.apply(copy.dest()),
                    copy.from(), flag(copy.chown(), word), flag(copy.chmod(), word), copy.link());
        }
        if (instruction instanceof Instruction.Add add) {
            return new Instruction.Add(add.line(), add.original(), all(add.sources(), word), word.apply(add.dest()),
                    flag(add.chown(), word), flag(add.chmod(), word), flag(add.checksum(), word), add.link(),
                    add.keepGitDir());
        }
        if (instruction instanceof Instruction.From from) {
            return new Instruction.From(from.line(), from.original(), word.apply(from.image()), from.stageName(),
                    flag(from.platform(), word));
        }
        if (instruction instanceof Instruction.Expose expose) {
            List<String> ports = new ArrayList<>();
            expose.ports().forEach(port -> ports.addAll(lex.processWords(port, variables)));
            return new Instruction.Expose(expose.line(), expose.original(), ports);
        }
        if (instruction instanceof Instruction.Volume volume) {
            return new Instruction.Volume(volume.line(), volume.original(), all(volume.paths(), word));
        }
        if (instruction instanceof Instruction.User user) {
            return new Instruction.User(user.line(), user.original(), word.apply(user.user()));
        }
        if (instruction instanceof Instruction.Workdir workdir) {
            return new Instruction.Workdir(workdir.line(), workdir.original(), word.apply(workdir.path()));
        }
        if (instruction instanceof Instruction.StopSignal stopSignal) {
            return new Instruction.StopSignal(stopSignal.line(), stopSignal.original(), word.apply(stopSignal.signal()));
        }
        return instruction;
    }

    private static List<Map.Entry<String, String>> pairs(List<Map.Entry<String, String>> pairs,
                                                         UnaryOperator<String> word) {
        return pairs.stream().map(pair -> Map.entry(word.apply(pair.getKey()), word.apply(pair.getValue()))).toList();
    }

    private static List<String> all(List<String> words, UnaryOperator<String> word) {
        return words.stream().map(word).toList();
    }

    /** A flag's value substituted; one that substitution empties counts as not given, as an empty flag does. */
    private static Optional<String> flag(Optional<String> value, UnaryOperator<String> word) {
        return value.map(word).filter(v -> !v.isEmpty());
    }
}

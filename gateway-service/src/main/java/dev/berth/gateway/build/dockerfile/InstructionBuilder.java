package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Docker's second parsing pass: checks one instruction's arguments and flags and makes it an {@link Instruction},
 * refusing what Docker refuses with Docker's words.
 */
final class InstructionBuilder {

    static final Set<String> KEYWORDS = Set.of("add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from",
            "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir");

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_.\\-]*");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*",
            Pattern.CASE_INSENSITIVE);

    private InstructionBuilder() {
    }

    static Instruction build(SyntaxNode node) {
        int line = node.line();
        String original = GoStrings.trimSpace(node.original());
        List<String> args = node.args();
        return switch (node.keyword().toLowerCase(Locale.ROOT)) {
            case "from" -> from(node, original);
            case "run" -> {
                FlagSet flags = new FlagSet().strings("mount").string("network").string("security").strings("device")
                        .parse(node.flags());
                yield new Instruction.Run(line, original, args, node.json(), flags.used());
            }
            case "cmd" -> {
                noFlags(node);
                yield new Instruction.Cmd(line, original, args, node.json());
            }
            case "entrypoint" -> {
                noFlags(node);
                yield new Instruction.Entrypoint(line, original, args, node.json());
            }
            case "shell" -> {
                noFlags(node);
                if (args.isEmpty()) {
                    throw atLeastOneArgument("SHELL");
                }
                if (!node.json()) {
                    throw new InstructionSyntaxError("SHELL requires the arguments to be in JSON form");
                }
                yield new Instruction.Shell(line, original, args);
            }
            case "env" -> {
                noFlags(node);
                yield new Instruction.Env(line, original, pairs(args, "ENV"));
            }
            case "label" -> {
                noFlags(node);
                yield new Instruction.Label(line, original, pairs(args, "LABEL"));
            }
            case "arg" -> arg(node, original);
            case "expose" -> {
                if (args.isEmpty()) {
                    throw atLeastOneArgument("EXPOSE");
                }
                noFlags(node);
                yield new Instruction.Expose(line, original, args.stream().sorted().toList());
            }
            case "volume" -> volume(node, original);
            case "user" -> new Instruction.User(line, original, onlyArgument(node, "USER", true));
            case "workdir" -> new Instruction.Workdir(line, original, onlyArgument(node, "WORKDIR", true));
            // Docker reads no flags on STOPSIGNAL: it neither refuses nor uses them.
            case "stopsignal" -> new Instruction.StopSignal(line, original, onlyArgument(node, "STOPSIGNAL", false));
            case "maintainer" -> new Instruction.Maintainer(line, original, onlyArgument(node, "MAINTAINER", true));
            case "copy" -> copy(node, original);
            case "add" -> add(node, original);
            case "healthcheck" -> HealthcheckParser.parse(node, original);
            case "onbuild" -> onbuild(node, original);
            default -> throw new InstructionSyntaxError("unknown instruction: " + node.keyword()
                    + Suggestion.didYouMean(node.keyword(), KEYWORDS, false));
        };
    }

    private static Instruction.From from(SyntaxNode node, String original) {
        List<String> args = node.args();
        Optional<String> stageName = Optional.empty();
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            String name = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw new InstructionSyntaxError("invalid name for build stage: " + GoStrings.quote(args.get(2))
                        + ", name can't start with a number or contain symbols");
            }
            stageName = Optional.of(name);
        } else if (args.size() != 1) {
            throw new InstructionSyntaxError("FROM requires either one or three arguments");
        }
        FlagSet flags = new FlagSet().string("platform").parse(node.flags());
        return new Instruction.From(node.line(), original, args.get(0), stageName, flags.value("platform"));
    }

    private static Instruction.Arg arg(SyntaxNode node, String original) {
        // Docker reads no flags on ARG either.
        if (node.args().isEmpty()) {
            throw atLeastOneArgument("ARG");
        }
        List<Instruction.ArgDef> definitions = new ArrayList<>();
        for (String word : node.args()) {
            int equals = word.indexOf('=');
            if (equals < 0) {
                definitions.add(new Instruction.ArgDef(word, Optional.empty()));
            } else if (equals == 0) {
                throw new InstructionSyntaxError("ARG names can not be blank");
            } else {
                definitions.add(new Instruction.ArgDef(word.substring(0, equals),
                        Optional.of(word.substring(equals + 1))));
            }
        }
        return new Instruction.Arg(node.line(), original, definitions);
    }

    private static Instruction.Volume volume(SyntaxNode node, String original) {
        if (node.args().isEmpty()) {
            throw atLeastOneArgument("VOLUME");
        }
        noFlags(node);
        List<String> paths = new ArrayList<>();
        for (String path : node.args()) {
            String trimmed = GoStrings.trimSpace(path);
            if (trimmed.isEmpty()) {
                throw new InstructionSyntaxError("VOLUME specified can not be an empty string");
            }
            paths.add(trimmed);
        }
        return new Instruction.Volume(node.line(), original, paths);
    }

    private static Instruction.Copy copy(SyntaxNode node, String original) {
        List<String> args = sourcesAndDestination(node, "COPY");
        FlagSet flags = new FlagSet().string("chown").string("from").string("chmod").bool("link").parse(node.flags());
        return new Instruction.Copy(node.line(), original, args.subList(0, args.size() - 1), args.get(args.size() - 1),
                flags.value("from"), flags.value("chown"), flags.value("chmod"), flags.isTrue("link"));
    }

    private static Instruction.Add add(SyntaxNode node, String original) {
        List<String> args = sourcesAndDestination(node, "ADD");
        FlagSet flags = new FlagSet().string("chown").string("chmod").bool("link").bool("keep-git-dir")
                .string("checksum").parse(node.flags());
        return new Instruction.Add(node.line(), original, args.subList(0, args.size() - 1), args.get(args.size() - 1),
                flags.value("chown"), flags.value("chmod"), flags.value("checksum"), flags.isTrue("link"),
                flags.isTrue("keep-git-dir"));
    }

    private static List<String> sourcesAndDestination(SyntaxNode node, String keyword) {
        if (node.args().size() < 2) {
            throw new InstructionSyntaxError(keyword + " requires at least two arguments, but only one was provided."
                    + " Destination could not be determined");
        }
        return node.args();
    }

    private static Instruction.Onbuild onbuild(SyntaxNode node, String original) {
        SyntaxNode trigger = node.trigger();
        if (trigger == null) {
            throw atLeastOneArgument("ONBUILD");
        }
        noFlags(node);
        String keyword = GoStrings.trimSpace(trigger.keyword()).toUpperCase(Locale.ROOT);
        switch (keyword) {
            case "ONBUILD" -> throw new InstructionSyntaxError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> throw new InstructionSyntaxError(keyword + " isn't allowed as an ONBUILD trigger");
            default -> {
            }
        }
        String triggerText = ONBUILD_PREFIX.matcher(node.original()).replaceFirst("");
        return new Instruction.Onbuild(node.line(), original, build(trigger), triggerText);
    }

    private static List<Map.Entry<String, String>> pairs(List<String> namesAndValues, String keyword) {
        if (namesAndValues.isEmpty()) {
            throw atLeastOneArgument(keyword);
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).isEmpty()) {
                throw new InstructionSyntaxError(keyword + " names can not be blank");
            }
            pairs.add(Map.entry(namesAndValues.get(i), namesAndValues.get(i + 1)));
        }
        return pairs;
    }

    private static String onlyArgument(SyntaxNode node, String keyword, boolean readsFlags) {
        if (node.args().size() != 1) {
            throw new InstructionSyntaxError(keyword + " requires exactly one argument");
        }
        if (readsFlags) {
            noFlags(node);
        }
        return node.args().get(0);
    }

    private static void noFlags(SyntaxNode node) {
        new FlagSet().parse(node.flags());
    }

    private static InstructionSyntaxError atLeastOneArgument(String keyword) {
        return new InstructionSyntaxError(keyword + " requires at least one argument");
    }
}

package dev.berth.gateway.build;

import dev.berth.gateway.build.dockerfile.Dockerfile;
import dev.berth.gateway.build.dockerfile.Expander;
import dev.berth.gateway.build.dockerfile.Instruction;
import dev.berth.gateway.build.dockerfile.Stage;
import dev.berth.gateway.build.dockerfile.VariableLookup;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Builds one stage, step by step, as Docker's classic builder does: FROM finds or pulls the base
 * (running its ONBUILD triggers), every other instruction makes an image on the one before, looked
 * up in the build cache first. RUN runs in a container of the current image.
 */
@Component
class StageRunner {

    private final BaseImages bases;
    private final StepContainers containers;
    private final StepImages images;
    private final CopySteps copies;

    StageRunner(BaseImages bases, StepContainers containers, StepImages images, CopySteps copies) {
        this.bases = bases;
        this.containers = containers;
        this.images = images;
        this.copies = copies;
    }

    /** @param extraLabels --label, applied as a last LABEL step (the target stage's) */
    String run(Stage stage, Map<String, String> globalArgs, BuildRun run, Map<String, String> extraLabels)
            throws IOException, InterruptedException {
        char escape = run.dockerfile.escapeToken();
        Instruction.From from = (Instruction.From) Expander.expand(stage.from(), VariableLookup.of(globalArgs), escape);
        run.nextStep(stage.from().original());
        from.platform().filter(platform -> !platform.isEmpty())
                .ifPresent(platform -> HostPlatform.require(platform, "FROM --platform"));
        StageState state = base(from.image(), run);
        List<String> triggers = state.config.getOnBuildList();
        state.config.clearOnBuild();
        if (!triggers.isEmpty()) {
            run.out.line("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : ""));
            for (String trigger : triggers) {
                execute(Dockerfile.parse("FROM scratch\n" + trigger).stages().get(0).instructions().get(0),
                        state, globalArgs, run);
            }
        }
        for (Instruction instruction : stage.instructions()) {
            run.nextStep(instruction.original());
            execute(instruction, state, globalArgs, run);
        }
        // --label: a LABEL step for each, in the order of their names, as Docker's classic builder adds them
        for (Map.Entry<String, String> label : new java.util.TreeMap<>(extraLabels).entrySet()) {
            String line = "LABEL " + label.getKey() + "=" + label.getValue();
            run.nextStep(line);
            state.config.putLabels(label.getKey(), label.getValue());
            configStep(" " + line, state, run);
        }
        if (state.imageId.isEmpty()) {
            throw new BuildFailure("No image was generated. Is your Dockerfile empty?");
        }
        return state.imageId;
    }

    private StageState base(String image, BuildRun run) throws IOException {
        if (image.equals("scratch")) {
            return new StageState("", 0, ImageConfig.getDefaultInstance());
        }
        Optional<String> stageImage = run.stageImage(image);
        Image base = stageImage.isPresent() ? bases.get(stageImage.get()) : bases.resolve(image, run.options.pull(), run.out);
        run.out.line(" ---> " + BuildRun.shortId(base.getId()));
        return new StageState(base.getId(), base.getLayersCount(), base.getConfig());
    }

    private void execute(Instruction instruction, StageState state, Map<String, String> globalArgs, BuildRun run)
            throws IOException, InterruptedException {
        Instruction expanded = Expander.expand(instruction, state.variables(), run.dockerfile.escapeToken());
        if (expanded instanceof Instruction.Run step) {
            runStep(step, state, run);
        } else if (expanded instanceof Instruction.Copy copy) {
            if (copy.link()) {
                throw new BuildFailure("COPY --link requires BuildKit");
            }
            copies.run(new CopySteps.CopySpec("COPY", copy.sources(), copy.dest(), copy.from(), copy.chown(),
                    copy.chmod()), state, run);
        } else if (expanded instanceof Instruction.Add add) {
            if (add.checksum().isPresent() || add.link() || add.keepGitDir()) {
                throw new BuildFailure("ADD " + (add.checksum().isPresent() ? "--checksum" : add.link() ? "--link"
                        : "--keep-git-dir") + " requires BuildKit");
            }
            copies.run(new CopySteps.CopySpec("ADD", add.sources(), add.dest(), Optional.empty(), add.chown(),
                    add.chmod()), state, run);
        } else if (expanded instanceof Instruction.Arg arg) {
            configStep(" ARG " + declare(arg, state, globalArgs, run), state, run);
        } else if (expanded instanceof Instruction.Workdir workdir) {
            String path = Path.of(state.absolute(workdir.path())).normalize().toString();
            state.config.setWorkingDir(path);
            workdirStep(path, state, run);
        } else if (ConfigSteps.handles(expanded)) {
            configStep(ConfigSteps.apply(expanded, state), state, run);
        } else {
            throw new BuildFailure("Berth's builder cannot run " + expanded.keyword() + " here");
        }
    }

    /** Declares the ARGs of one instruction in the stage; answers their history text. */
    private static String declare(Instruction.Arg arg, StageState state, Map<String, String> globalArgs, BuildRun run) {
        StringBuilder text = new StringBuilder();
        for (Instruction.ArgDef definition : arg.args()) {
            String name = definition.name();
            String value;
            if (run.options.buildArgs().get(name) != null) {
                value = run.options.buildArgs().get(name);
                run.consumedArgs.add(name);
            } else if (definition.defaultValue().isPresent()) {
                value = definition.defaultValue().get();
            } else {
                value = globalArgs.get(name);
            }
            if (run.options.buildArgs().containsKey(name)) {
                run.consumedArgs.add(name);
            }
            state.args.put(name, value);
            text.append(text.length() == 0 ? "" : " ").append(name)
                    .append(definition.defaultValue().map(d -> "=" + d).orElse(""));
        }
        return text.toString();
    }

    /** A step that changed the config only (already applied to the state): one image more, or the cached one. */
    private void configStep(String historyText, StageState state, BuildRun run) throws IOException, InterruptedException {
        String createdBy = String.join(" ", state.shell()) + " #(nop) " + historyText;
        String cacheKey = CacheKeys.of("config\n" + createdBy + "\n" + state.author + "\n" + state.config.build());
        if (!run.options.noCache()) {
            Optional<String> cached = images.cached(state.imageId, cacheKey);
            if (cached.isPresent()) {
                state.imageId = cached.get();
                run.out.line(" ---> Using cache");
                run.out.line(" ---> " + BuildRun.shortId(state.imageId));
                return;
            }
        }
        state.imageId = images.commitConfig(state.imageId, state.config.build(), state.author, createdBy, cacheKey);
        run.out.line(" ---> " + BuildRun.shortId(state.imageId));
    }

    /** WORKDIR: the config, and the directory made in a layer when the image lacks it, as Docker does. */
    private void workdirStep(String path, StageState state, BuildRun run) throws IOException, InterruptedException {
        String createdBy = String.join(" ", state.shell()) + " #(nop) WORKDIR " + path;
        String cacheKey = CacheKeys.of("workdir\n" + createdBy + "\n" + state.author + "\n" + state.config.build());
        if (!run.options.noCache()) {
            Optional<String> cached = images.cached(state.imageId, cacheKey);
            if (cached.isPresent()) {
                state.imageId = cached.get();
                state.layers = bases.get(state.imageId).getLayersCount();
                run.out.line(" ---> Using cache");
                run.out.line(" ---> " + BuildRun.shortId(state.imageId));
                return;
            }
        }
        String layered = copies.directoryLayer(state, run, path, createdBy, cacheKey);
        if (layered != null) {
            state.imageId = layered;
            state.layers++;
        } else {
            state.imageId = images.commitConfig(state.imageId, state.config.build(), state.author, createdBy, cacheKey);
        }
        run.out.line(" ---> " + BuildRun.shortId(state.imageId));
    }

    private void runStep(Instruction.Run step, StageState state, BuildRun run) throws IOException, InterruptedException {
        if (!step.flagsUsed().isEmpty()) {
            throw new BuildFailure("the --" + step.flagsUsed().get(0) + " option requires BuildKit");
        }
        List<String> command = ConfigSteps.command(step.args(), step.execForm(), state);
        List<String> argEnv = state.argEnv();
        String commandLine = String.join(" ", command);
        String createdBy = (argEnv.isEmpty() ? "" : "|" + argEnv.size() + " " + String.join(" ", argEnv) + " ") + commandLine;
        String cacheKey = CacheKeys.of("run\n" + createdBy + "\n" + state.config.build());
        if (!run.options.noCache()) {
            Optional<String> cached = images.cached(state.imageId, cacheKey);
            if (cached.isPresent()) {
                state.imageId = cached.get();
                state.layers++;
                run.out.line(" ---> Using cache");
                run.out.line(" ---> " + BuildRun.shortId(state.imageId));
                return;
            }
        }
        if (state.layers == 0) {
            throw new BuildFailure("The command '" + commandLine + "' cannot run: the image has no files yet (FROM scratch)");
        }
        Container container = containers.create(state.imageId, command, argEnv, state.config.getUser(),
                state.config.getWorkingDir(), run.options.networkMode());
        run.out.line(" ---> Running in " + BuildRun.shortId(container.getId()));
        try {
            int exitCode = containers.run(container, run.out);
            if (exitCode != 0) {
                throw new BuildFailure("The command '" + commandLine + "' returned a non-zero code: " + exitCode);
            }
            state.imageId = images.commitContainer(container, state.config.build(), state.author, createdBy, cacheKey);
            state.layers++;
        } finally {
            containers.removeInBackground(container, run);
        }
        run.out.line("Removing intermediate container " + BuildRun.shortId(container.getId()));
        run.out.line(" ---> " + BuildRun.shortId(state.imageId));
    }
}

package dev.berth.gateway.build;

import dev.berth.gateway.build.context.BuildContext;
import dev.berth.gateway.build.dockerfile.Dockerfile;
import dev.berth.gateway.build.dockerfile.Expander;
import dev.berth.gateway.build.dockerfile.Instruction;
import dev.berth.gateway.build.dockerfile.Stage;
import dev.berth.gateway.build.dockerfile.VariableLookup;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.TagImageRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * docker build with Docker's classic builder: the global ARGs, then every stage up to the target
 * in order (as the classic builder does, used by the target or not), then the tags. Messages as
 * Docker's: "Step N/M : ...", " ---> id", "Successfully built", "Successfully tagged".
 */
@Component
public class ImageBuilder {

    private final StageRunner stages;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ImageBuilder(StageRunner stages, ImageServiceGrpc.ImageServiceBlockingStub imageService) {
        this.stages = stages;
        this.images = imageService;
    }

    /** Answers the built image's id; a {@link BuildFailure} says why there is none. */
    public String build(Dockerfile dockerfile, Stage target, BuildContext context, BuildOptions options, BuildOutput out)
            throws IOException, InterruptedException {
        int total = dockerfile.stepCount(target) + options.labels().size();
        BuildRun run = new BuildRun(dockerfile, context, options, out, total);
        Map<String, String> globalArgs = globalArgs(dockerfile, run);
        String imageId = null;
        try {
            for (Stage stage : dockerfile.stages().subList(0, target.index() + 1)) {
                imageId = stages.run(stage, globalArgs, run, stage == target ? options.labels() : Map.of());
                run.finishedStage(stage.index(), imageId);
            }
        } finally {
            run.awaitRemovals();
        }
        TreeSet<String> unused = new TreeSet<>(options.buildArgs().keySet());
        unused.removeAll(run.consumedArgs);
        if (!unused.isEmpty()) {
            out.line("[Warning] One or more build-args [" + String.join(" ", unused) + "] were not consumed");
        }
        out.imageId(imageId);
        out.line("Successfully built " + BuildRun.shortId(imageId));
        for (String tag : options.tags()) {
            int slash = tag.lastIndexOf('/');
            int colon = tag.lastIndexOf(':');
            boolean hasTag = colon > slash;
            images.tagImage(TagImageRequest.newBuilder().setSource(imageId)
                    .setRepo(hasTag ? tag.substring(0, colon) : tag).setTag(hasTag ? tag.substring(colon + 1) : "latest")
                    .build());
            out.line("Successfully tagged " + (hasTag ? tag : tag + ":latest"));
        }
        return imageId;
    }

    /** The ARGs before the first FROM: build args or their defaults, each default seeing the ARGs before it. */
    private static Map<String, String> globalArgs(Dockerfile dockerfile, BuildRun run) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Instruction instruction : dockerfile.globalArgs()) {
            run.nextStep(instruction.original());
            Instruction.Arg arg = (Instruction.Arg) Expander.expand(instruction, VariableLookup.of(values),
                    dockerfile.escapeToken());
            for (Instruction.ArgDef definition : arg.args()) {
                String given = run.options.buildArgs().get(definition.name());
                if (run.options.buildArgs().containsKey(definition.name())) {
                    run.consumedArgs.add(definition.name());
                }
                String value = given != null ? given : definition.defaultValue().orElse(null);
                if (value != null) {
                    values.put(definition.name(), value);
                }
            }
        }
        return values;
    }
}

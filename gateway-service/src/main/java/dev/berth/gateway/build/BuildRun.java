package dev.berth.gateway.build;

import dev.berth.gateway.build.context.BuildContext;
import dev.berth.gateway.build.dockerfile.Dockerfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One build as it goes: its inputs, its output, the step it is at, and the images its stages made. */
final class BuildRun {

    final Dockerfile dockerfile;
    final BuildContext context;
    final BuildOptions options;
    final BuildOutput out;
    final int totalSteps;
    /** The build args some ARG took, for Docker's warning about the others. */
    final Set<String> consumedArgs = new HashSet<>();
    /** The image each finished stage ended with, by stage index. */
    private final Map<Integer, String> stageImages = new HashMap<>();
    private int step;

    BuildRun(Dockerfile dockerfile, BuildContext context, BuildOptions options, BuildOutput out, int totalSteps) {
        this.dockerfile = dockerfile;
        this.context = context;
        this.options = options;
        this.out = out;
        this.totalSteps = totalSteps;
    }

    /** Announces the next step ("Step 3/9 : RUN make"). */
    void nextStep(String instruction) throws IOException {
        step++;
        out.step(step, totalSteps, instruction);
    }

    void finishedStage(int index, String imageId) {
        stageImages.put(index, imageId);
    }

    /** The image of an earlier stage named so (any case), or at that index; empty: not a stage built before. */
    Optional<String> stageImage(String nameOrIndex) {
        return dockerfile.stage(nameOrIndex).map(stage -> stageImages.get(stage.index()));
    }

    Path spoolDir() {
        return context.root().getParent();
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}

package dev.berth.gateway.build;

import dev.berth.gateway.build.context.BuildContext;
import dev.berth.gateway.build.dockerfile.Dockerfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
    private final List<Future<?>> removals = new ArrayList<>();

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

    void pendingRemoval(Future<?> removal) {
        removals.add(removal);
    }

    /** Waits until the step containers removed in the background are gone: a build leaves none behind. */
    void awaitRemovals() {
        boolean interrupted = false;
        for (Future<?> removal : removals) {
            while (true) {
                try {
                    removal.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    org.slf4j.LoggerFactory.getLogger(BuildRun.class).warn("a build step's container was not removed", e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Path spoolDir() {
        return context.root().getParent();
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}

package dev.berth.gateway.build;

import dev.berth.gateway.build.dockerfile.VariableLookup;
import dev.berth.proto.v1.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a stage's build stands: the image of its last step, the config its next step starts from,
 * and the ARGs it declared (they reach RUN as variables, not the image).
 */
final class StageState {

    /** Docker's builder gives an image without a PATH this one. */
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    /** "" before the first step on scratch. */
    String imageId;
    /** Whether the image has files at all: a container needs some (scratch has none). */
    int layers;
    ImageConfig.Builder config;
    String author = "";
    /** CMD was given in this stage: an ENTRYPOINT then keeps it. */
    boolean cmdGiven;
    /** Declared ARGs, with their values; null: declared without one. */
    final Map<String, String> args = new LinkedHashMap<>();

    StageState(String imageId, int layers, ImageConfig baseConfig) {
        this.imageId = imageId;
        this.layers = layers;
        this.config = baseConfig.toBuilder().clearOnBuild();
        if (config.getEnvList().stream().noneMatch(e -> e.startsWith("PATH="))) {
            List<String> env = new ArrayList<>(config.getEnvList());
            env.add(0, DEFAULT_PATH);
            config.clearEnv().addAllEnv(env);
        }
    }

    List<String> shell() {
        return config.getShellCount() == 0 ? DEFAULT_SHELL : config.getShellList();
    }

    /** What ${VAR} sees: the ENV variables, then the ARGs (ENV wins over an ARG of the same name). */
    VariableLookup variables() {
        Map<String, String> argValues = new LinkedHashMap<>();
        args.forEach((name, value) -> {
            if (value != null) {
                argValues.put(name, value);
            }
        });
        return VariableLookup.fromEnvList(config.getEnvList()).orElse(VariableLookup.of(argValues));
    }

    /** The ARGs with values that ENV does not set, as "NAME=value", sorted: what a RUN gets beside the image's env. */
    List<String> argEnv() {
        Map<String, String> sorted = new TreeMap<>();
        args.forEach((name, value) -> {
            if (value != null && config.getEnvList().stream().noneMatch(e -> e.startsWith(name + "="))) {
                sorted.put(name, value);
            }
        });
        List<String> env = new ArrayList<>();
        sorted.forEach((name, value) -> env.add(name + "=" + value));
        return env;
    }

    /** A relative path against the working directory ("/" when none). */
    String absolute(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String base = config.getWorkingDir().isEmpty() ? "/" : config.getWorkingDir();
        return base.endsWith("/") ? base + path : base + "/" + path;
    }
}

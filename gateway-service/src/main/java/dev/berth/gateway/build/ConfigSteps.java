package dev.berth.gateway.build;

import dev.berth.gateway.build.dockerfile.ExposedPorts;
import dev.berth.gateway.build.dockerfile.Instruction;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The instructions that change only the image's config (ENV, LABEL, CMD, ENTRYPOINT, EXPOSE,
 * VOLUME, USER, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER), applied to a stage's state
 * as Docker's classic builder applies them. Each answers the text of its history entry, after
 * "#(nop) ", as Docker writes it.
 */
final class ConfigSteps {

    private ConfigSteps() {
    }

    /** Whether {@link #apply} handles the instruction. */
    static boolean handles(Instruction instruction) {
        return instruction instanceof Instruction.Env || instruction instanceof Instruction.Label
                || instruction instanceof Instruction.Cmd || instruction instanceof Instruction.Entrypoint
                || instruction instanceof Instruction.Expose || instruction instanceof Instruction.Volume
                || instruction instanceof Instruction.User || instruction instanceof Instruction.StopSignal
                || instruction instanceof Instruction.Healthcheck || instruction instanceof Instruction.Shell
                || instruction instanceof Instruction.Onbuild || instruction instanceof Instruction.Maintainer;
    }

    /** Applies an (expanded) instruction; answers its history text. */
    static String apply(Instruction instruction, StageState state) {
        ImageConfig.Builder config = state.config;
        if (instruction instanceof Instruction.Env env) {
            List<String> words = new ArrayList<>();
            for (Map.Entry<String, String> pair : env.pairs()) {
                setEnv(config, pair.getKey(), pair.getValue());
                words.add(pair.getKey() + "=" + pair.getValue());
            }
            return " ENV " + String.join(" ", words);
        }
        if (instruction instanceof Instruction.Label label) {
            List<String> words = new ArrayList<>();
            for (Map.Entry<String, String> pair : label.pairs()) {
                config.putLabels(pair.getKey(), pair.getValue());
                words.add(pair.getKey() + "=" + pair.getValue());
            }
            return " LABEL " + String.join(" ", words);
        }
        if (instruction instanceof Instruction.Cmd cmd) {
            List<String> command = command(cmd.args(), cmd.execForm(), state);
            config.clearCmd().addAllCmd(command).setCmdSet(true);
            state.cmdGiven = true;
            return " CMD " + goList(command);
        }
        if (instruction instanceof Instruction.Entrypoint entrypoint) {
            List<String> command = command(entrypoint.args(), entrypoint.execForm(), state);
            config.clearEntrypoint().addAllEntrypoint(command).setEntrypointSet(true);
            if (!state.cmdGiven) {
                // Docker: an ENTRYPOINT drops the CMD the base image had
                config.clearCmd().setCmdSet(false);
            }
            return " ENTRYPOINT " + goList(command);
        }
        if (instruction instanceof Instruction.Expose expose) {
            TreeSet<String> ports = new TreeSet<>(config.getExposedPortsList());
            TreeSet<String> given;
            try {
                given = new TreeSet<>(ExposedPorts.keys(expose.ports()));
            } catch (IllegalArgumentException e) {
                throw new BuildFailure(e.getMessage());
            }
            ports.addAll(given);
            config.clearExposedPorts().addAllExposedPorts(ports);
            return " EXPOSE " + String.join(" ", given);
        }
        if (instruction instanceof Instruction.Volume volume) {
            for (String path : volume.paths()) {
                if (path.isBlank()) {
                    throw new BuildFailure("VOLUME specified can not be an empty string");
                }
                if (!config.getVolumesList().contains(path)) {
                    config.addVolumes(path);
                }
            }
            return " VOLUME [" + String.join(" ", volume.paths()) + "]";
        }
        if (instruction instanceof Instruction.User user) {
            config.setUser(user.user());
            return " USER " + user.user();
        }
        if (instruction instanceof Instruction.StopSignal signal) {
            config.setStopSignal(signal.signal());
            return " STOPSIGNAL " + signal.signal();
        }
        if (instruction instanceof Instruction.Healthcheck check) {
            config.setHealthcheck(HealthConfig.newBuilder().addAllTest(check.test())
                    .setInterval(check.intervalNanos()).setTimeout(check.timeoutNanos())
                    .setStartPeriod(check.startPeriodNanos()).setStartInterval(check.startIntervalNanos())
                    .setRetries(check.retries()));
            return " HEALTHCHECK " + goList(check.test());
        }
        if (instruction instanceof Instruction.Shell shell) {
            config.clearShell().addAllShell(shell.shell());
            return " SHELL [" + String.join(" ", shell.shell()) + "]";
        }
        if (instruction instanceof Instruction.Onbuild onbuild) {
            config.addOnBuild(onbuild.triggerText());
            return " ONBUILD " + onbuild.triggerText();
        }
        if (instruction instanceof Instruction.Maintainer maintainer) {
            state.author = maintainer.maintainer();
            return " MAINTAINER " + maintainer.maintainer();
        }
        throw new IllegalArgumentException("not a config instruction: " + instruction.keyword());
    }

    /** A shell form runs in the stage's SHELL; the exec form as written. */
    static List<String> command(List<String> args, boolean execForm, StageState state) {
        if (execForm) {
            return args;
        }
        List<String> command = new ArrayList<>(state.shell());
        command.add(String.join(" ", args));
        return command;
    }

    static void setEnv(ImageConfig.Builder config, String name, String value) {
        List<String> env = new ArrayList<>(config.getEnvList());
        String entry = name + "=" + value;
        boolean replaced = false;
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).startsWith(name + "=") || env.get(i).equals(name)) {
                env.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced) {
            env.add(entry);
        }
        config.clearEnv().addAllEnv(env);
    }

    /** A list as Go's %q prints a []string: ["a" "b"]. */
    static String goList(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String value : values) {
            quoted.add("\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return "[" + String.join(" ", quoted) + "]";
    }
}

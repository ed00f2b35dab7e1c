package dev.berth.image.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.image.spec.HealthcheckDocument;
import dev.berth.image.spec.RunConfig;

/** A RunConfig being edited by change instructions; nulls stay nulls until something sets them. */
final class MutableRunConfig {

    String user;
    List<String> env;
    List<String> cmd;
    boolean cmdSet;
    List<String> entrypoint;
    String workingDir;
    Map<String, String> labels;
    Map<String, Map<String, Object>> exposedPorts;
    Map<String, Map<String, Object>> volumes;
    String stopSignal;
    final HealthcheckDocument healthcheck;
    final List<String> shell;
    final List<String> onBuild;

    MutableRunConfig(RunConfig base) {
        user = base.user();
        healthcheck = base.healthcheck();
        shell = base.shell();
        onBuild = base.onBuild();
        env = base.env() == null ? null : new ArrayList<>(base.env());
        cmd = base.cmd();
        entrypoint = base.entrypoint();
        workingDir = base.workingDir();
        labels = base.labels() == null ? null : new LinkedHashMap<>(base.labels());
        exposedPorts = base.exposedPorts() == null ? null : new LinkedHashMap<>(base.exposedPorts());
        volumes = base.volumes() == null ? null : new LinkedHashMap<>(base.volumes());
        stopSignal = base.stopSignal();
    }

    void setEnv(String key, String value) {
        if (env == null) {
            env = new ArrayList<>();
        }
        String entry = key + "=" + value;
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).startsWith(key + "=")) {
                env.set(i, entry);
                return;
            }
        }
        env.add(entry);
    }

    void setLabel(String key, String value) {
        if (labels == null) {
            labels = new LinkedHashMap<>();
        }
        labels.put(key, value);
    }

    void expose(String port) {
        if (exposedPorts == null) {
            exposedPorts = new LinkedHashMap<>();
        }
        exposedPorts.put(port, Map.of());
    }

    void addVolume(String path) {
        if (volumes == null) {
            volumes = new LinkedHashMap<>();
        }
        volumes.put(path, Map.of());
    }

    RunConfig toRunConfig() {
        return new RunConfig(user, env == null ? null : List.copyOf(env), cmd == null ? null : List.copyOf(cmd),
                entrypoint == null ? null : List.copyOf(entrypoint), workingDir, labels, exposedPorts, volumes,
                stopSignal, healthcheck, shell, onBuild);
    }
}

package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ImageConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Merges the image's config into the client's, as dockerd's create does: the request wins,
 * the image fills in what the request left out.
 */
public final class ConfigMerger {

    private ConfigMerger() {
    }

    static ContainerConfig merge(RequestedConfig request, ImageConfig image) {
        List<String> entrypoint = resetToEmpty(request.entrypoint());
        List<String> cmd;
        if (entrypoint != null && !entrypoint.isEmpty()) {
            // Docker drops the image's Cmd once the request names its own entrypoint.
            cmd = orEmpty(request.cmd());
        } else {
            cmd = isEmpty(request.cmd()) ? image.getCmdList() : request.cmd();
            entrypoint = entrypoint == null ? image.getEntrypointList() : entrypoint;
        }
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw DockerApiException.badRequest("No command specified");
        }

        ContainerConfig.Builder merged = ContainerConfig.newBuilder()
                .setHostname(request.hostname())
                .setDomainname(request.domainname())
                .setUser(firstNonEmpty(request.user(), image.getUser()))
                .setAttachStdin(request.attachStdin())
                .setAttachStdout(request.attachStdout())
                .setAttachStderr(request.attachStderr())
                .setTty(request.tty())
                .setOpenStdin(request.openStdin())
                .setStdinOnce(request.stdinOnce())
                .addAllEnv(env(request.env(), image.getEnvList()))
                .addAllCmd(cmd)
                .addAllEntrypoint(entrypoint)
                .setImage(request.image())
                .setWorkingDir(firstNonEmpty(request.workingDir(), image.getWorkingDir()))
                .putAllLabels(labels(request.labels(), image.getLabelsMap()))
                .setStopSignal(firstNonEmpty(request.stopSignal(), image.getStopSignal()))
                .addAllExposedPorts(union(request.exposedPorts(), image.getExposedPortsList()))
                .addAllVolumes(union(request.volumes(), image.getVolumesList()));
        if (request.stopTimeout() != null) {
            merged.setStopTimeout(request.stopTimeout());
        }
        return merged.build();
    }

    /** The request's variables first, then the image's ones the request did not set (by name). */
    static List<String> env(List<String> requested, List<String> image) {
        List<String> env = new ArrayList<>(orEmpty(requested));
        LinkedHashSet<String> names = new LinkedHashSet<>();
        env.forEach(e -> names.add(name(e)));
        for (String e : image) {
            if (!names.contains(name(e))) {
                env.add(e);
            }
        }
        return env;
    }

    private static Map<String, String> labels(Map<String, String> requested, Map<String, String> image) {
        Map<String, String> labels = new LinkedHashMap<>(image);
        if (requested != null) {
            labels.putAll(requested);
        }
        return labels;
    }

    /** An entrypoint of one empty string is how clients say "no entrypoint". */
    private static List<String> resetToEmpty(List<String> entrypoint) {
        if (entrypoint != null && entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
            return List.of();
        }
        return entrypoint;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static String name(String variable) {
        int eq = variable.indexOf('=');
        return eq < 0 ? variable : variable.substring(0, eq);
    }

    private static String firstNonEmpty(String a, String b) {
        return a == null || a.isEmpty() ? b : a;
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}

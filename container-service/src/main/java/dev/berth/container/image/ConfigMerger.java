package dev.berth.container.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.ImageConfig;

/**
 * Merges the image's config into the client's, as dockerd's create does: the request wins,
 * the image fills in what the request left out.
 */
public final class ConfigMerger {

    private ConfigMerger() {
    }

    /**
     * @param entrypointGiven the request named an entrypoint (an empty one included), so the
     *                        image's is not used
     */
    public static ContainerConfig merge(ContainerConfig request, boolean entrypointGiven, ImageConfig image) {
        List<String> entrypoint = entrypointGiven ? resetToEmpty(request.getEntrypointList()) : null;
        List<String> cmd;
        if (entrypoint != null && !entrypoint.isEmpty()) {
            // Docker drops the image's Cmd once the request names its own entrypoint.
            cmd = request.getCmdList();
        } else {
            cmd = request.getCmdList().isEmpty() ? image.getCmdList() : request.getCmdList();
            entrypoint = entrypoint == null ? image.getEntrypointList() : entrypoint;
        }
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw BerthException.invalid("No command specified");
        }
        ContainerConfig.Builder merged = request.toBuilder()
                .setUser(firstNonEmpty(request.getUser(), image.getUser()))
                .clearEnv().addAllEnv(env(request.getEnvList(), image.getEnvList()))
                .clearCmd().addAllCmd(cmd)
                .clearEntrypoint().addAllEntrypoint(entrypoint)
                .setWorkingDir(firstNonEmpty(request.getWorkingDir(), image.getWorkingDir()))
                .clearLabels().putAllLabels(labels(request.getLabelsMap(), image.getLabelsMap()))
                .setStopSignal(firstNonEmpty(request.getStopSignal(), image.getStopSignal()))
                .clearExposedPorts().addAllExposedPorts(union(request.getExposedPortsList(), image.getExposedPortsList()))
                .clearVolumes().addAllVolumes(union(request.getVolumesList(), image.getVolumesList()));
        if (image.hasHealthcheck()) {
            merged.setHealthcheck(healthcheck(request.hasHealthcheck() ? request.getHealthcheck() : null,
                    image.getHealthcheck()));
        }
        return merged.build();
    }

    /**
     * Docker's merge of healthchecks: without one in the request the image's is used whole;
     * otherwise each field the request left unset (empty test, zero) comes from the image's. A
     * Test of NONE on either side, once merged, disables the check.
     */
    static HealthConfig healthcheck(HealthConfig requested, HealthConfig image) {
        if (requested == null) {
            return image;
        }
        HealthConfig.Builder merged = requested.toBuilder();
        if (requested.getTestCount() == 0) {
            merged.addAllTest(image.getTestList());
        }
        if (requested.getInterval() == 0) {
            merged.setInterval(image.getInterval());
        }
        if (requested.getTimeout() == 0) {
            merged.setTimeout(image.getTimeout());
        }
        if (requested.getStartPeriod() == 0) {
            merged.setStartPeriod(image.getStartPeriod());
        }
        if (requested.getStartInterval() == 0) {
            merged.setStartInterval(image.getStartInterval());
        }
        if (requested.getRetries() == 0) {
            merged.setRetries(image.getRetries());
        }
        return merged.build();
    }

    /** The request's variables first, then the image's ones the request did not set (by name). */
    static List<String> env(List<String> requested, List<String> image) {
        List<String> env = new ArrayList<>(requested);
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
        labels.putAll(requested);
        return labels;
    }

    /** An entrypoint of one empty string is how clients say "no entrypoint". */
    private static List<String> resetToEmpty(List<String> entrypoint) {
        if (entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
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
}

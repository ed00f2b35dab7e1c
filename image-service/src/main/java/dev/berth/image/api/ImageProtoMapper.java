package dev.berth.image.api;

import dev.berth.common.time.ProtoTimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import dev.berth.image.catalog.ImageDetails;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.spec.HealthcheckDocument;
import dev.berth.image.spec.RunConfig;
import dev.berth.image.store.LayerRecord;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.ImageConfig;
import dev.berth.proto.v1.Layer;

/** Domain image to the {@code berth.v1.Image} message. */
final class ImageProtoMapper {

    private ImageProtoMapper() {
    }

    static Image toProto(ImageDetails details) {
        ImageConfigDocument document = details.config();
        Image.Builder image = Image.newBuilder()
                .setId(details.record().id().toString())
                .addAllRepoTags(details.repoTags())
                .addAllRepoDigests(details.repoDigests())
                .setComment(nullToEmpty(document.comment()))
                .setAuthor(nullToEmpty(document.author()))
                .setParent(details.record().parent() == null ? "" : details.record().parent().toString())
                .setCreated(ProtoTimes.timestamp(details.record().created()))
                .setArchitecture(nullToEmpty(document.architecture()))
                .setOs(nullToEmpty(document.os()))
                .setVariant(nullToEmpty(document.variant()))
                .setSize(details.record().size())
                .setBuildCache(details.record().cacheKey() != null);
        if (document.config() != null) {
            image.setConfig(config(document.config()));
        }
        details.record().layers().forEach(layer -> image.addLayers(layer(layer)));
        return image.build();
    }

    static ImageConfig config(RunConfig config) {
        ImageConfig.Builder proto = ImageConfig.newBuilder()
                .setUser(nullToEmpty(config.user()))
                .addAllEnv(orEmpty(config.env()))
                .addAllCmd(orEmpty(config.cmd()))
                .addAllEntrypoint(orEmpty(config.entrypoint()))
                .setWorkingDir(nullToEmpty(config.workingDir()))
                .setStopSignal(nullToEmpty(config.stopSignal()))
                .setEntrypointSet(config.entrypoint() != null)
                .setCmdSet(config.cmd() != null);
        if (config.labels() != null) {
            proto.putAllLabels(config.labels());
        }
        if (config.healthcheck() != null) {
            proto.setHealthcheck(healthcheck(config.healthcheck()));
        }
        proto.addAllShell(orEmpty(config.shell())).addAllOnBuild(orEmpty(config.onBuild()));
        if (config.exposedPorts() != null) {
            proto.addAllExposedPorts(config.exposedPorts().keySet());
        }
        if (config.volumes() != null) {
            proto.addAllVolumes(config.volumes().keySet());
        }
        return proto.build();
    }

    /** The reverse of {@link #config(RunConfig)}: what is not set stays null, as Docker keeps it. */
    static RunConfig runConfig(ImageConfig config) {
        Map<String, Map<String, Object>> exposed = null;
        if (config.getExposedPortsCount() > 0) {
            exposed = new LinkedHashMap<>();
            for (String port : config.getExposedPortsList()) {
                exposed.put(port.contains("/") ? port : port + "/tcp", Map.of());
            }
        }
        Map<String, Map<String, Object>> volumes = null;
        if (config.getVolumesCount() > 0) {
            volumes = new LinkedHashMap<>();
            for (String volume : config.getVolumesList()) {
                volumes.put(volume, Map.of());
            }
        }
        HealthcheckDocument healthcheck = null;
        if (config.hasHealthcheck()) {
            HealthConfig h = config.getHealthcheck();
            healthcheck = new HealthcheckDocument(h.getTestList().isEmpty() ? null : h.getTestList(),
                    nullIfZero(h.getInterval()), nullIfZero(h.getTimeout()), nullIfZero(h.getStartPeriod()),
                    nullIfZero(h.getStartInterval()), h.getRetries() == 0 ? null : h.getRetries());
        }
        return new RunConfig(config.getUser(),
                config.getEnvCount() == 0 ? null : List.copyOf(config.getEnvList()),
                config.getCmdSet() || config.getCmdCount() > 0 ? List.copyOf(config.getCmdList()) : null,
                config.getEntrypointSet() || config.getEntrypointCount() > 0 ? List.copyOf(config.getEntrypointList()) : null,
                config.getWorkingDir(),
                config.getLabelsCount() == 0 ? null : new LinkedHashMap<>(config.getLabelsMap()),
                exposed, volumes, config.getStopSignal(), healthcheck,
                config.getShellCount() == 0 ? null : List.copyOf(config.getShellList()),
                config.getOnBuildCount() == 0 ? null : List.copyOf(config.getOnBuildList()));
    }

    private static Long nullIfZero(long value) {
        return value == 0 ? null : value;
    }

    private static HealthConfig healthcheck(HealthcheckDocument document) {
        return HealthConfig.newBuilder()
                .addAllTest(orEmpty(document.test()))
                .setInterval(orZero(document.interval()))
                .setTimeout(orZero(document.timeout()))
                .setStartPeriod(orZero(document.startPeriod()))
                .setStartInterval(orZero(document.startInterval()))
                .setRetries(document.retries() == null ? 0 : document.retries())
                .build();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Layer layer(LayerRecord layer) {
        return Layer.newBuilder()
                .setDigest(layer.digest().toString())
                .setDiffId(layer.diffId().toString())
                .setSize(layer.size())
                .setUncompressedSize(layer.uncompressedSize())
                .setMediaType(layer.mediaType())
                .build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

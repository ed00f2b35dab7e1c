package dev.berth.image.api;

import dev.berth.common.time.ProtoTimes;
import java.time.Instant;
import java.util.List;

import com.google.protobuf.Timestamp;

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
                .setCreated(ProtoTimes.timestamp(details.record().created()))
                .setArchitecture(nullToEmpty(document.architecture()))
                .setOs(nullToEmpty(document.os()))
                .setVariant(nullToEmpty(document.variant()))
                .setSize(details.record().size());
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
        if (config.exposedPorts() != null) {
            proto.addAllExposedPorts(config.exposedPorts().keySet());
        }
        if (config.volumes() != null) {
            proto.addAllVolumes(config.volumes().keySet());
        }
        return proto.build();
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

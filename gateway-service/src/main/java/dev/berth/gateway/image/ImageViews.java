package dev.berth.gateway.image;

import dev.berth.gateway.container.ContainerViews;
import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageConfig;
import dev.berth.proto.v1.Layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Images in the Docker API's JSON shapes: ImageSummary and ImageInspect. */
public final class ImageViews {

    private ImageViews() {
    }

    public static Map<String, Object> summary(Image image) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", image.getId());
        out.put("ParentId", image.getParent());
        out.put("RepoTags", image.getRepoTagsList());
        out.put("RepoDigests", image.getRepoDigestsList());
        out.put("Created", image.getCreated().getSeconds());
        out.put("Size", image.getSize());
        out.put("SharedSize", -1);
        out.put("VirtualSize", image.getSize());
        out.put("Labels", image.getConfig().getLabelsMap());
        out.put("Containers", -1);
        return out;
    }

    static Map<String, Object> inspect(Image image) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", image.getId());
        out.put("RepoTags", image.getRepoTagsList());
        out.put("RepoDigests", image.getRepoDigestsList());
        out.put("Parent", image.getParent());
        out.put("Comment", image.getComment());
        out.put("Created", DockerTime.rfc3339Nano(image.hasCreated(), image.getCreated()));
        out.put("DockerVersion", image.getDockerVersion());
        out.put("Author", image.getAuthor());
        out.put("Config", config(image.getConfig()));
        out.put("Architecture", image.getArchitecture());
        if (!image.getVariant().isEmpty()) {
            out.put("Variant", image.getVariant());
        }
        out.put("Os", image.getOs());
        out.put("Size", image.getSize());
        out.put("VirtualSize", image.getSize());
        out.put("GraphDriver", Map.of("Name", "overlay2", "Data", Map.of()));
        out.put("RootFS", Map.of("Type", "layers",
                "Layers", image.getLayersList().stream().map(Layer::getDiffId).toList()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("LastTagTime", DockerTime.ZERO);
        out.put("Metadata", metadata);
        return out;
    }

    private static Map<String, Object> config(ImageConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Hostname", "");
        out.put("Domainname", "");
        out.put("User", c.getUser());
        out.put("AttachStdin", false);
        out.put("AttachStdout", false);
        out.put("AttachStderr", false);
        if (c.getExposedPortsCount() > 0) {
            out.put("ExposedPorts", emptyObjects(c.getExposedPortsList()));
        }
        out.put("Tty", false);
        out.put("OpenStdin", false);
        out.put("StdinOnce", false);
        out.put("Env", c.getEnvCount() == 0 ? null : c.getEnvList());
        out.put("Cmd", c.getCmdCount() == 0 ? null : c.getCmdList());
        if (c.hasHealthcheck()) {
            out.put("Healthcheck", ContainerViews.healthcheck(c.getHealthcheck()));
        }
        out.put("Image", "");
        out.put("Volumes", c.getVolumesCount() == 0 ? null : emptyObjects(c.getVolumesList()));
        out.put("WorkingDir", c.getWorkingDir());
        out.put("Entrypoint", c.getEntrypointCount() == 0 ? null : c.getEntrypointList());
        out.put("OnBuild", c.getOnBuildCount() == 0 ? null : c.getOnBuildList());
        out.put("Labels", c.getLabelsCount() == 0 ? null : c.getLabelsMap());
        if (!c.getStopSignal().isEmpty()) {
            out.put("StopSignal", c.getStopSignal());
        }
        if (c.getShellCount() > 0) {
            out.put("Shell", c.getShellList());
        }
        return out;
    }

    private static Map<String, Object> emptyObjects(List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, Map.of()));
        return out;
    }
}

package dev.berth.node.spec.fs;

import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container's volumes: each volume's data directory on this node bind-mounted at its
 * destination ({@code rbind}, {@code rprivate}, read-only where asked), as Docker mounts local
 * volumes. {@code dataDirs} maps each volume name to its directory, made before the spec.
 */
public final class VolumeMounts {

    private VolumeMounts() {
    }

    public static SpecOption of(HostConfig host, Map<String, Path> dataDirs) {
        return spec -> {
            for (VolumeMount volume : host.getVolumeMountsList()) {
                Path data = dataDirs.get(volume.getName());
                if (data == null) {
                    throw new IllegalStateException("volume " + volume.getName() + " was not prepared");
                }
                List<String> options = new ArrayList<>(List.of("rbind", "rprivate"));
                if (volume.getReadOnly()) {
                    options.add("ro");
                }
                spec.mount(new OciSpec.Mount(Path.of(volume.getDestination()).normalize().toString(), "bind",
                        data.toString(), List.copyOf(options)));
            }
        };
    }
}

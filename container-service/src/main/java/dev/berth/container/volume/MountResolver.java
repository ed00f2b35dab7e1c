package dev.berth.container.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.naming.ContainerIds;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.MountSpec;
import dev.berth.proto.v1.VolumeMount;

/**
 * The volumes a new container mounts, resolved at create as Docker resolves them: {@code -v
 * NAME:/path[:ro|rw|nocopy]}, {@code --mount type=volume}, and an anonymous volume for each path
 * of Config.Volumes ({@code -v /path}, the image's VOLUME) that no other mount covers. Named
 * volumes that do not exist are created; every volume is made on the container's node first.
 */
@Component
public class MountResolver {

    /** Docker's label of a volume made for one container. */
    static final Map<String, String> ANONYMOUS = Map.of("com.docker.volume.anonymous", "");

    private final VolumeCatalog catalog;

    public MountResolver(VolumeCatalog catalog) {
        this.catalog = catalog;
    }

    /** The host config with its volume mounts, and the anonymous volumes made for it (to undo on failure). */
    public record Resolved(HostConfig hostConfig, List<String> madeAnonymous) {
    }

    public Resolved resolve(ContainerConfig config, HostConfig host, String nodeId) {
        Set<String> taken = new HashSet<>();
        host.getTmpfsMap().keySet().forEach(path -> taken.add(clean(path)));
        List<Wanted> wanted = new ArrayList<>();
        for (String bind : host.getBindsList()) {
            Wanted volume = fromBind(bind);
            String[] parts = bind.split(":", -1);
            if (volume == null && parts.length >= 2) {
                taken.add(clean(parts[1]));
            } else if (volume != null) {
                wanted.add(volume);
            }
        }
        for (MountSpec mount : host.getMountsList()) {
            if (mount.getType().equals("volume")) {
                wanted.add(fromMount(mount));
            } else {
                taken.add(clean(mount.getTarget()));
            }
        }
        for (Wanted volume : wanted) {
            if (!taken.add(volume.destination())) {
                throw BerthException.invalid("Duplicate mount point: " + volume.destination());
            }
        }
        for (String path : config.getVolumesList()) {
            if (!path.startsWith("/")) {
                throw BerthException.invalid("invalid mount config for type \"volume\": invalid mount path: '" + path
                        + "' mount path must be absolute");
            }
            if (taken.add(clean(path))) {
                wanted.add(new Wanted("", clean(path), false, false, Map.of()));
            }
        }
        List<String> made = new ArrayList<>();
        HostConfig.Builder out = host.toBuilder().clearVolumeMounts();
        try {
            for (Wanted volume : wanted) {
                boolean anonymous = volume.name().isEmpty();
                String name = anonymous ? ContainerIds.newId() : volume.name();
                VolumeRow row = catalog.ensure(name, anonymous ? ANONYMOUS : volume.labels(), anonymous, nodeId);
                if (anonymous) {
                    made.add(name);
                }
                out.addVolumeMounts(VolumeMount.newBuilder().setName(name).setDestination(volume.destination())
                        .setReadOnly(volume.readOnly()).setNoCopy(volume.noCopy()).setAnonymous(anonymous)
                        .setSource(row.mountpoint()));
            }
        } catch (RuntimeException e) {
            undo(made);
            throw e;
        }
        return new Resolved(out.build(), made);
    }

    /** Removes the anonymous volumes made for a create that did not finish. */
    public void undo(List<String> madeAnonymous) {
        for (String name : madeAnonymous) {
            try {
                catalog.remove(name, true);
            } catch (RuntimeException e) {
                // in use by nobody else, so this is a node that did not answer: the record is gone already
            }
        }
    }

    private record Wanted(String name, String destination, boolean readOnly, boolean noCopy, Map<String, String> labels) {
    }

    /** -v NAME:/path[:opts] as a volume; null for a host path, which the node binds. */
    static Wanted fromBind(String bind) {
        String[] parts = bind.split(":", -1);
        if (parts.length < 2 || bind.startsWith("/")) {
            return null;
        }
        if (parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw BerthException.invalid("invalid volume specification: '" + bind + "'");
        }
        String name = VolumeNames.check(parts[0]);
        String destination = destination(parts[1]);
        boolean readOnly = false;
        boolean noCopy = false;
        if (parts.length == 3) {
            for (String mode : parts[2].split(",", -1)) {
                switch (mode) {
                    case "ro" -> readOnly = true;
                    case "rw" -> readOnly = false;
                    case "nocopy" -> noCopy = true;
                    default -> throw BerthException.invalid("invalid mode: " + parts[2]);
                }
            }
        }
        return new Wanted(name, destination, readOnly, noCopy, Map.of());
    }

    private static Wanted fromMount(MountSpec mount) {
        String name = mount.getSource().isEmpty() ? "" : VolumeNames.check(mount.getSource());
        return new Wanted(name, destination(mount.getTarget()), mount.getReadOnly(), mount.getVolumeNoCopy(),
                mount.getVolumeLabelsMap());
    }

    private static String destination(String path) {
        if (!path.startsWith("/")) {
            throw BerthException.invalid("invalid mount config for type \"volume\": invalid mount path: '" + path
                    + "' mount path must be absolute");
        }
        String clean = clean(path);
        if (clean.equals("/")) {
            throw BerthException.invalid("invalid specification: destination can't be '/'");
        }
        return clean;
    }

    private static String clean(String path) {
        return Path.of(path).normalize().toString();
    }
}

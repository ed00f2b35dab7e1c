package dev.berth.node.spec.fs;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.MountSpec;
import dev.berth.proto.v1.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code -v /HOST:/CONTAINER[:ro|rw][,PROPAGATION]} (HostConfig.Binds): each host path is
 * bind-mounted recursively ({@code rbind}), read-only where asked, {@code rprivate} unless another
 * propagation is given, as Docker mounts binds. A missing host directory is created, as Docker
 * does for {@code -v}. {@code --mount type=bind} (HostConfig.Mounts) is mounted the same way, but
 * its source must exist, as Docker wants. A bind whose source is a name is a volume: container-service
 * resolved it into the volume mounts ({@link VolumeMounts}).
 */
public final class BindMounts {

    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

    /** One parsed bind. */
    record Bind(String source, String destination, boolean readonly, String propagation) {
    }

    private BindMounts() {
    }

    /** INVALID_ARGUMENT with Docker's words for a bad spec, path, missing --mount source or duplicate mount point. */
    public static void check(HostConfig host) {
        Set<String> seen = new HashSet<>(host.getTmpfsMap().keySet());
        for (Bind bind : all(host)) {
            if (!seen.add(bind.destination())) {
                throw BerthException.invalid("Duplicate mount point: " + bind.destination());
            }
        }
        for (MountSpec mount : host.getMountsList()) {
            if (mount.getType().equals("bind") && !Files.exists(Path.of(mount.getSource()))) {
                throw BerthException.invalid("invalid mount config for type \"bind\": bind source path does not exist: "
                        + mount.getSource());
            }
            if (mount.getType().equals("tmpfs") && !seen.add(Path.of(mount.getTarget()).normalize().toString())) {
                throw BerthException.invalid("Duplicate mount point: " + mount.getTarget());
            }
        }
        for (VolumeMount volume : host.getVolumeMountsList()) {
            if (!seen.add(Path.of(volume.getDestination()).normalize().toString())) {
                throw BerthException.invalid("Duplicate mount point: " + volume.getDestination());
            }
        }
    }

    public static SpecOption of(HostConfig host) {
        return spec -> {
            for (Bind bind : all(host)) {
                createMissing(Path.of(bind.source()));
                List<String> options = new ArrayList<>(List.of("rbind", bind.propagation()));
                if (bind.readonly()) {
                    options.add("ro");
                }
                spec.mount(new OciSpec.Mount(bind.destination(), "bind", bind.source(), List.copyOf(options)));
            }
        };
    }

    /** The host-path binds of -v and of --mount type=bind; named sources are volumes, mounted elsewhere. */
    private static List<Bind> all(HostConfig host) {
        List<Bind> binds = new ArrayList<>();
        for (String spec : host.getBindsList()) {
            if (!isVolume(spec)) {
                binds.add(parse(spec));
            }
        }
        for (MountSpec mount : host.getMountsList()) {
            if (mount.getType().equals("bind")) {
                binds.add(fromMount(mount));
            }
        }
        return binds;
    }

    /** -v NAME:/path: a source that is not a path. */
    public static boolean isVolume(String spec) {
        int colon = spec.indexOf(':');
        return colon > 0 && !spec.startsWith("/");
    }

    private static Bind fromMount(MountSpec mount) {
        String propagation = mount.getPropagation().isEmpty() ? "rprivate" : mount.getPropagation();
        if (!PROPAGATIONS.contains(propagation)) {
            throw BerthException.invalid("invalid propagation mode: " + propagation);
        }
        if (!mount.getSource().startsWith("/")) {
            throw BerthException.invalid("invalid mount config for type \"bind\": invalid mount path: '"
                    + mount.getSource() + "' mount path must be absolute");
        }
        checkDestination(mount.getTarget(), "bind");
        return new Bind(Path.of(mount.getSource()).normalize().toString(), Path.of(mount.getTarget()).normalize().toString(),
                mount.getReadOnly(), propagation);
    }

    private static void checkDestination(String destination, String type) {
        if (!destination.startsWith("/")) {
            throw BerthException.invalid("invalid mount config for type \"" + type + "\": invalid mount path: '"
                    + destination + "' mount path must be absolute");
        }
        if (Path.of(destination).normalize().toString().equals("/")) {
            throw BerthException.invalid("invalid specification: destination can't be '/'");
        }
    }

    static Bind parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw BerthException.invalid("invalid volume specification: '" + spec + "'");
        }
        String source = parts[0];
        String destination = parts[1];
        if (!source.startsWith("/")) {
            throw BerthException.invalid("named volumes are not supported yet: '" + spec + "'");
        }
        if (!destination.startsWith("/")) {
            throw BerthException.invalid("invalid volume specification: '" + spec + "': invalid mount config for type \"bind\": "
                    + "invalid mount path: '" + destination + "' mount path must be absolute");
        }
        if (Path.of(destination).normalize().toString().equals("/")) {
            throw BerthException.invalid("invalid specification: destination can't be '/'");
        }
        boolean readonly = false;
        String propagation = "rprivate";
        if (parts.length == 3) {
            for (String mode : parts[2].split(",", -1)) {
                if (mode.equals("ro")) {
                    readonly = true;
                } else if (mode.equals("rw")) {
                    readonly = false;
                } else if (PROPAGATIONS.contains(mode)) {
                    propagation = mode;
                } else {
                    throw BerthException.invalid("invalid mode: " + parts[2]);
                }
            }
        }
        return new Bind(Path.of(source).normalize().toString(), Path.of(destination).normalize().toString(), readonly, propagation);
    }

    private static void createMissing(Path source) {
        if (Files.exists(source)) {
            return;
        }
        try {
            Files.createDirectories(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bind source " + source, e);
        }
    }
}

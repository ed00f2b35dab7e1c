package dev.berth.node.changes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the engine mounts something into a container (the destinations of its OCI config: /proc,
 * /dev and its sub-mounts, /sys, /etc/hosts, /etc/hostname, /etc/resolv.conf, volumes, binds,
 * tmpfs). What the runtime makes there in the writable layer (an empty /etc/hosts to bind onto,
 * a directory for a volume) is the engine's, not the container's, so diff, commit and export
 * leave it out, as Docker's init layer keeps it out of the container's own layer.
 */
public final class MountPoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Absolute, normalized container paths; never "/". */
    private final Set<String> paths;

    private MountPoints(Set<String> paths) {
        this.paths = paths;
    }

    public static MountPoints of(Collection<String> destinations) {
        Set<String> paths = new HashSet<>();
        for (String destination : destinations) {
            String path = Path.of("/").resolve(destination).normalize().toString();
            if (!path.equals("/")) {
                paths.add(path);
            }
        }
        return new MountPoints(Set.copyOf(paths));
    }

    /** The {@code mounts[].destination} of an OCI runtime config (a bundle's config.json). */
    public static MountPoints ofSpec(Path configJson) throws IOException {
        JsonNode spec;
        try {
            spec = JSON.readTree(configJson.toFile());
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + configJson + ": " + e.getMessage(), e);
        }
        Set<String> destinations = new HashSet<>();
        for (JsonNode mount : spec.path("mounts")) {
            String destination = mount.path("destination").asString("");
            if (!destination.isEmpty()) {
                destinations.add(destination);
            }
        }
        return of(destinations);
    }

    /** Whether {@code path} (absolute, normalized) is a mount point or lies below one. */
    boolean covers(String path) {
        for (String mountPoint : paths) {
            if (path.equals(mountPoint) || path.startsWith(mountPoint) && path.charAt(mountPoint.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /** The mount points as host paths under {@code root}. */
    Set<Path> under(Path root) {
        Set<Path> hostPaths = new HashSet<>();
        for (String path : paths) {
            hostPaths.add(root.resolve(path.substring(1)).normalize());
        }
        return hostPaths;
    }
}

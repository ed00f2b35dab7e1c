package dev.berth.node.spec.fs;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
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
 * does for {@code -v}. Named volumes are not honoured yet and are refused.
 */
public final class BindMounts {

    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

    /** One parsed bind. */
    record Bind(String source, String destination, boolean readonly, String propagation) {
    }

    private BindMounts() {
    }

    /** INVALID_ARGUMENT with Docker's words for a bad spec, path or duplicate mount point. */
    public static void check(HostConfig host) {
        Set<String> seen = new HashSet<>(host.getTmpfsMap().keySet());
        for (String spec : host.getBindsList()) {
            Bind bind = parse(spec);
            if (!seen.add(bind.destination())) {
                throw BerthException.invalid("Duplicate mount point: " + bind.destination());
            }
        }
    }

    public static SpecOption of(HostConfig host) {
        return spec -> {
            for (String text : host.getBindsList()) {
                Bind bind = parse(text);
                createMissing(Path.of(bind.source()));
                List<String> options = new ArrayList<>(List.of("rbind", bind.propagation()));
                if (bind.readonly()) {
                    options.add("ro");
                }
                spec.mount(new OciSpec.Mount(bind.destination(), "bind", bind.source(), List.copyOf(options)));
            }
        };
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

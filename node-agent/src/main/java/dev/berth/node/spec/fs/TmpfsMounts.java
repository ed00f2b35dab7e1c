package dev.berth.node.spec.fs;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.MountSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --tmpfs PATH[:OPTIONS]} (HostConfig.Tmpfs): a tmpfs at each path, mounted with Docker's
 * defaults ({@code noexec,nosuid,nodev,rprivate}) followed by the user's options, where a later
 * option replaces an earlier one of its kind ({@code exec} after {@code noexec}, the last
 * {@code size=}), as Docker merges them.
 */
public final class TmpfsMounts {

    static final List<String> DEFAULTS = List.of("noexec", "nosuid", "nodev", "rprivate");

    /** Each mount flag with the kind it sets: a flag and its opposite share one kind. */
    private static final Map<String, String> FLAG_KIND = Map.ofEntries(
            Map.entry("ro", "rw"), Map.entry("rw", "rw"),
            Map.entry("suid", "suid"), Map.entry("nosuid", "suid"),
            Map.entry("dev", "dev"), Map.entry("nodev", "dev"),
            Map.entry("exec", "exec"), Map.entry("noexec", "exec"),
            Map.entry("sync", "sync"), Map.entry("async", "sync"), Map.entry("dirsync", "dirsync"),
            Map.entry("mand", "mand"), Map.entry("nomand", "mand"),
            Map.entry("atime", "atime"), Map.entry("noatime", "atime"),
            Map.entry("diratime", "diratime"), Map.entry("nodiratime", "diratime"),
            Map.entry("relatime", "relatime"), Map.entry("norelatime", "relatime"),
            Map.entry("strictatime", "strictatime"), Map.entry("nostrictatime", "strictatime"),
            Map.entry("private", "propagation"), Map.entry("rprivate", "propagation"),
            Map.entry("shared", "propagation"), Map.entry("rshared", "propagation"),
            Map.entry("slave", "propagation"), Map.entry("rslave", "propagation"),
            Map.entry("unbindable", "propagation"), Map.entry("runbindable", "propagation"));

    /** The key=value options tmpfs takes. */
    private static final Set<String> DATA_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

    private TmpfsMounts() {
    }

    /** INVALID_ARGUMENT with Docker's words for a bad path or option. */
    public static void check(HostConfig host) {
        host.getTmpfsMap().forEach((path, options) -> {
            if (path.equals("/")) {
                throw BerthException.invalid("invalid specification: destination can't be '/'");
            }
            if (!path.startsWith("/")) {
                throw BerthException.invalid("invalid mount path: '" + path + "' mount path must be absolute");
            }
            merge(options);
        });
    }

    public static SpecOption of(HostConfig host) {
        return spec -> {
            host.getTmpfsMap().forEach((path, options) ->
                    spec.mount(new OciSpec.Mount(path, "tmpfs", "tmpfs", merge(options))));
            for (MountSpec mount : host.getMountsList()) {
                if (mount.getType().equals("tmpfs")) {
                    spec.mount(new OciSpec.Mount(mount.getTarget(), "tmpfs", "tmpfs", merge(mountOptions(mount))));
                }
            }
        };
    }

    /** --mount type=tmpfs's settings as --tmpfs options: size in bytes, mode in octal. */
    static String mountOptions(MountSpec mount) {
        List<String> options = new ArrayList<>();
        if (mount.getReadOnly()) {
            options.add("ro");
        }
        if (mount.getTmpfsSize() > 0) {
            options.add("size=" + mount.getTmpfsSize());
        }
        if (mount.getTmpfsMode() > 0) {
            options.add("mode=" + Integer.toOctalString(mount.getTmpfsMode()));
        }
        return String.join(",", options);
    }

    /** Docker's defaults, then {@code options} (comma-separated), a later one of a kind winning. */
    static List<String> merge(String options) {
        List<String> all = new ArrayList<>(DEFAULTS);
        if (!options.isEmpty()) {
            all.addAll(Arrays.asList(options.split(",")));
        }
        List<String> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            String option = all.get(i);
            if (option.equals("defaults")) {
                continue;
            }
            String kind = FLAG_KIND.get(option);
            if (kind == null) {
                int equals = option.indexOf('=');
                if (equals < 0 || !DATA_KEYS.contains(option.substring(0, equals))) {
                    throw BerthException.invalid("invalid tmpfs option [\"" + option + "\"]");
                }
                kind = option.substring(0, equals) + "=";
            }
            if (seen.add(kind)) {
                kept.add(option);
            }
        }
        Collections.reverse(kept);
        return List.copyOf(kept);
    }
}

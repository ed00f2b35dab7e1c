package dev.berth.node.spec.fs;

import dev.berth.node.spec.SpecOption;

/**
 * {@code --read-only}: the root filesystem is mounted read-only. /dev, /dev/shm, /proc and any
 * tmpfs or volume mounted over the root stay writable, as with Docker.
 */
public final class ReadonlyRootfs {

    private ReadonlyRootfs() {
    }

    public static SpecOption of(boolean readonly) {
        return spec -> {
            if (readonly) {
                spec.readonlyRoot();
            }
        };
    }
}

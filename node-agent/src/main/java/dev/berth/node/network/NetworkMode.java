package dev.berth.node.network;

import dev.berth.common.error.BerthException;

/** What HostConfig.NetworkMode asks for, as far as Berth serves it. */
public enum NetworkMode {
    /** The default bridge network ("", "default" or "bridge"). */
    BRIDGE,
    /** A namespace of its own with only a loopback. */
    NONE,
    /** The host's namespace. */
    HOST;

    /** Whether {@code asked} names the default bridge; false for anything else, known or not. */
    public static boolean isBridge(String asked) {
        return asked == null || asked.isEmpty() || asked.equals("default") || asked.equals("bridge");
    }

    /** The mode asked for; an unknown network is NOT_FOUND with Docker's words. */
    public static NetworkMode of(String asked) {
        if (isBridge(asked)) {
            return BRIDGE;
        }
        if (asked.equals("none")) {
            return NONE;
        }
        if (asked.equals("host")) {
            return HOST;
        }
        if (asked.startsWith("container:")) {
            throw BerthException.invalid("Berth does not support --network container:<name|id> yet");
        }
        throw BerthException.notFound("network " + asked + " not found");
    }
}

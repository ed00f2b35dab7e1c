package dev.berth.node.network;

/** What HostConfig.NetworkMode asks for, as far as Berth serves it. */
public enum NetworkMode {
    /** The default bridge network ("", "default" or "bridge"). */
    BRIDGE,
    /** A user-defined bridge network, by name or id: container-service resolves it at start. */
    USER,
    /** A namespace of its own with only a loopback. */
    NONE,
    /** The host's namespace. */
    HOST,
    /** Another running container's namespace (container:&lt;name|id&gt;), resolved by container-service. */
    CONTAINER;

    /** Whether {@code asked} names the default bridge; false for anything else, known or not. */
    public static boolean isBridge(String asked) {
        return asked == null || asked.isEmpty() || asked.equals("default") || asked.equals("bridge");
    }

    /** Whether a run in mode {@code asked} is wired to a bridge (default or user-defined); never throws. */
    public static boolean joinsBridge(String asked) {
        return isBridge(asked) || !(asked.equals("none") || asked.equals("host") || asked.startsWith("container:"));
    }

    /** The mode asked for. */
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
            return CONTAINER;
        }
        return USER;
    }

    /** Whether a run in this mode gets a namespace that Berth wires to a bridge through CNI. */
    public boolean onBridge() {
        return this == BRIDGE || this == USER;
    }
}

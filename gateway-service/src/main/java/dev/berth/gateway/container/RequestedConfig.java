package dev.berth.gateway.container;

import java.util.List;
import java.util.Map;

/**
 * The container configuration as the client sent it in POST /containers/create. List fields are
 * null when the client left them out, which differs from a given empty list (Entrypoint: reset).
 */
record RequestedConfig(
        String hostname,
        String domainname,
        String user,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String image,
        String workingDir,
        Map<String, String> labels,
        String stopSignal,
        Integer stopTimeout,
        List<String> exposedPorts,
        List<String> volumes,
        boolean autoRemove,
        String networkMode) {
}

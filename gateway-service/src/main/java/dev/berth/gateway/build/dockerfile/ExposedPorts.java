package dev.berth.gateway.build.dockerfile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys of an image's {@code ExposedPorts} for the ports of an EXPOSE, as Docker reads them (its {@code nat}
 * port specs): {@code 80} is {@code 80/tcp}, {@code 53/UDP} is {@code 53/udp}, a range {@code 8000-8002} is one key
 * per port. Docker also accepts the {@code [ip:]hostPort:containerPort} form of {@code docker run -p} here, and
 * exposes the container port.
 */
public final class ExposedPorts {

    private static final int MAX_PORT = 65535;

    private ExposedPorts() {
    }

    /**
     * The keys, in the order of the specs, each once.
     *
     * @throws IllegalArgumentException with Docker's message, e.g. {@code invalid containerPort: 80a}
     */
    public static List<String> keys(List<String> specs) {
        Set<String> keys = new LinkedHashSet<>();
        for (String spec : specs) {
            String[] parts = spec.split(":", -1);
            String containerPart = parts[parts.length - 1];
            String hostPort = parts.length > 1 ? parts[parts.length - 2] : "";
            int slash = containerPart.indexOf('/');
            String port = slash < 0 ? containerPart : containerPart.substring(0, slash);
            String proto = slash < 0 || slash == containerPart.length() - 1 ? "tcp"
                    : containerPart.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (port.isEmpty()) {
                throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
            }
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                throw new IllegalArgumentException("invalid proto: " + proto);
            }
            int[] range = range(port);
            if (range == null) {
                throw new IllegalArgumentException("invalid containerPort: " + port);
            }
            if (!hostPort.isEmpty()) {
                int[] hostRange = range(hostPort);
                if (hostRange == null) {
                    throw new IllegalArgumentException("invalid hostPort: " + hostPort);
                }
                boolean sameSize = range[1] - range[0] == hostRange[1] - hostRange[0];
                if (!sameSize && range[0] != range[1]) {
                    throw new IllegalArgumentException("invalid ranges specified for container and host Ports: "
                            + port + " and " + hostPort);
                }
            }
            for (int p = range[0]; p <= range[1]; p++) {
                keys.add(p + "/" + proto);
            }
        }
        return List.copyOf(keys);
    }

    /** {@code [start, end]} of {@code 80} or {@code 8000-8010}; null when it is not a port or a rising range. */
    private static int[] range(String text) {
        int dash = text.indexOf('-');
        int start = number(dash < 0 ? text : text.substring(0, dash));
        int end = dash < 0 ? start : number(text.substring(dash + 1));
        if (start < 0 || end < 0 || end < start) {
            return null;
        }
        return new int[] {start, end};
    }

    private static int number(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value <= MAX_PORT ? value : -1;
    }
}

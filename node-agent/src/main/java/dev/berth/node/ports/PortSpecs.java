package dev.berth.node.ports;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Docker's port specs ("8080/tcp", host port "" or "8080") checked and turned into ports to bind. */
public final class PortSpecs {

    private PortSpecs() {
    }

    /** One binding as asked; host port 0 means one the kernel picks from the ephemeral range. */
    public static PublishedPort parse(PortBinding binding) {
        String spec = binding.getContainerPort();
        int slash = spec.indexOf('/');
        String port = slash < 0 ? spec : spec.substring(0, slash);
        String protocol = slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase();
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw BerthException.invalid(protocol.equals("sctp")
                    ? "Berth does not support sctp ports (" + spec + ") yet"
                    : "invalid proto: " + protocol);
        }
        String hostIp = binding.getHostIp().isEmpty() ? "0.0.0.0" : binding.getHostIp();
        if (hostIp.contains(":")) {
            throw BerthException.invalid("Berth does not support publishing on IPv6 host addresses (" + hostIp + ") yet");
        }
        return PublishedPort.newBuilder()
                .setContainerPort(number(port, "invalid containerPort: " + port))
                .setProtocol(protocol)
                .setHostIp(hostIp)
                .setHostPort(binding.getHostPort().isEmpty() ? 0 : number(binding.getHostPort(),
                        "invalid hostPort: " + binding.getHostPort()))
                .build();
    }

    private static int number(String text, String error) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw BerthException.invalid(error);
    }

    /**
     * What a start publishes: the bindings asked for, and with -P every exposed port not bound yet
     * on a port the node picks.
     */
    public static List<PortBinding> effective(List<PortBinding> bindings, boolean publishAll, List<String> exposed) {
        List<PortBinding> out = new ArrayList<>(bindings);
        if (publishAll) {
            Set<String> bound = new LinkedHashSet<>();
            bindings.forEach(b -> bound.add(withProtocol(b.getContainerPort())));
            for (String port : exposed) {
                if (bound.add(withProtocol(port))) {
                    out.add(PortBinding.newBuilder().setContainerPort(withProtocol(port)).build());
                }
            }
        }
        out.forEach(PortSpecs::parse);
        return out;
    }

    static String withProtocol(String port) {
        return port.contains("/") ? port : port + "/tcp";
    }
}

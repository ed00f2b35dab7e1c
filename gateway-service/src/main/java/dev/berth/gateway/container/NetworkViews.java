package dev.berth.gateway.container;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkEndpoint;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's shapes of a container's network: inspect's NetworkSettings and HostConfig.PortBindings,
 * and the list's Ports and NetworkSettings. Addresses and ports are there only while the container
 * runs on a network, as in Docker; the network's entry stays with empty fields when it stops.
 */
final class NetworkViews {

    private NetworkViews() {
    }

    static Map<String, Object> settings(Container c) {
        NetworkState n = running(c) ? c.getNetwork() : NetworkState.getDefaultInstance();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bridge", "");
        out.put("SandboxID", n.getSandboxKey().isEmpty() ? "" : c.getId());
        out.put("SandboxKey", n.getSandboxKey());
        out.put("HairpinMode", false);
        out.put("LinkLocalIPv6Address", "");
        out.put("LinkLocalIPv6PrefixLen", 0);
        out.put("Ports", running(c) ? ports(c) : Map.of());
        out.put("SecondaryIPAddresses", null);
        out.put("SecondaryIPv6Addresses", null);
        out.put("EndpointID", n.getEndpointId());
        out.put("Gateway", n.getGateway());
        out.put("GlobalIPv6Address", "");
        out.put("GlobalIPv6PrefixLen", 0);
        out.put("IPAddress", n.getIpAddress());
        out.put("IPPrefixLen", n.getIpPrefixLen());
        out.put("IPv6Gateway", "");
        out.put("MacAddress", n.getMacAddress());
        out.put("Networks", networks(c, n));
        return out;
    }

    /** The list's NetworkSettings: only Networks. */
    static Map<String, Object> summarySettings(Container c) {
        NetworkState n = running(c) ? c.getNetwork() : NetworkState.getDefaultInstance();
        return Map.of("Networks", networks(c, n));
    }

    /** NetworkMode's network first, then those it was connected to, each with its place while it runs. */
    private static Map<String, Object> networks(Container c, NetworkState n) {
        Map<String, Object> out = new LinkedHashMap<>();
        String name = networkName(c.getHostConfig());
        if (name == null && !n.getNetwork().isEmpty()) {
            name = n.getNetwork();
        }
        if (name != null) {
            out.put(name, entry(c, n, name, c.getHostConfig().getNetworkAliasesList()));
        }
        for (NetworkEndpoint endpoint : c.getHostConfig().getConnectedNetworksList()) {
            NetworkState joined = n.getConnectedList().stream()
                    .filter(state -> state.getNetworkId().equals(endpoint.getNetworkId())
                            || state.getNetwork().equals(endpoint.getNetwork()))
                    .findFirst().orElse(NetworkState.getDefaultInstance());
            String shown = joined.getNetwork().isEmpty() ? endpoint.getNetwork() : joined.getNetwork();
            out.put(shown, entry(c, joined, shown, endpoint.getAliasesList()));
        }
        return out;
    }

    private static Map<String, Object> entry(Container c, NetworkState n, String name, List<String> configuredAliases) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("IPAMConfig", null);
        entry.put("Links", null);
        // aliases: the container's name first, then --network-alias and the short id; Docker's
        // Aliases leaves the name out, DNSNames (API 1.44) has them all.
        entry.put("Aliases", aliases(c, n, name, configuredAliases));
        entry.put("NetworkID", n.getNetworkId());
        entry.put("EndpointID", n.getEndpointId());
        entry.put("Gateway", n.getGateway());
        entry.put("IPAddress", n.getIpAddress());
        entry.put("IPPrefixLen", n.getIpPrefixLen());
        entry.put("IPv6Gateway", "");
        entry.put("GlobalIPv6Address", "");
        entry.put("GlobalIPv6PrefixLen", 0);
        entry.put("MacAddress", n.getMacAddress());
        entry.put("DriverOpts", null);
        entry.put("DNSNames", n.getAliasesCount() == 0 ? null : n.getAliasesList());
        return entry;
    }

    /**
     * The endpoint's aliases: while it runs, what the node gave it (its name left out, as Docker
     * does); before, on a user-defined network, what it will get: its aliases there and its short id.
     * Clients such as docker-compose read them to know the container is set up already.
     */
    private static List<String> aliases(Container c, NetworkState n, String network, List<String> configured) {
        if (n.getAliasesCount() > 0) {
            return n.getAliasesList().subList(1, n.getAliasesCount());
        }
        if (running(c) || network.equals("bridge") || network.equals("host") || network.equals("none")) {
            return null;
        }
        List<String> planned = new ArrayList<>(configured);
        planned.add(c.getId().substring(0, Math.min(12, c.getId().length())));
        return planned;
    }

    /**
     * "bridge", "host", "none" or a user-defined network as NetworkMode names it; null for
     * another container's namespace. A network named by id shows under its name while it runs.
     */
    static String networkName(HostConfig host) {
        String mode = host.getNetworkMode();
        if (mode.isEmpty() || mode.equals("default") || mode.equals("bridge")) {
            return "bridge";
        }
        if (mode.startsWith("container:") || (mode.length() == 64 && mode.chars().allMatch(ch -> Character.digit(ch, 16) >= 0))) {
            return null;
        }
        return mode;
    }

    /** {"8080/tcp": [{"HostIp", "HostPort"}], "53/udp": null}: every exposed port, published or not. */
    private static Map<String, Object> ports(Container c) {
        Map<String, Object> out = new LinkedHashMap<>();
        String network = networkName(c.getHostConfig());
        if (network == null || network.equals("host") || network.equals("none")) {
            return out;
        }
        for (String exposed : c.getConfig().getExposedPortsList()) {
            out.put(withProtocol(exposed), null);
        }
        for (PublishedPort p : c.getNetwork().getPortsList()) {
            String key = p.getContainerPort() + "/" + p.getProtocol();
            Object bindings = out.get(key);
            List<Map<String, String>> list = bindings == null ? new ArrayList<>() : castList(bindings);
            list.add(Map.of("HostIp", p.getHostIp(), "HostPort", Integer.toString(p.getHostPort())));
            out.put(key, list);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> castList(Object value) {
        return (List<Map<String, String>>) value;
    }

    /** The list's Ports: published ones with their host side, exposed ones alone; none unless running. */
    static List<Map<String, Object>> summaryPorts(Container c) {
        List<Map<String, Object>> out = new ArrayList<>();
        String network = networkName(c.getHostConfig());
        if (!running(c) || network == null || network.equals("host") || network.equals("none")) {
            return out;
        }
        List<String> published = new ArrayList<>();
        for (PublishedPort p : c.getNetwork().getPortsList()) {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("IP", p.getHostIp());
            port.put("PrivatePort", p.getContainerPort());
            port.put("PublicPort", p.getHostPort());
            port.put("Type", p.getProtocol());
            out.add(port);
            published.add(p.getContainerPort() + "/" + p.getProtocol());
        }
        for (String exposed : c.getConfig().getExposedPortsList()) {
            String key = withProtocol(exposed);
            if (!published.contains(key)) {
                int slash = key.indexOf('/');
                Map<String, Object> port = new LinkedHashMap<>();
                port.put("PrivatePort", Integer.parseInt(key.substring(0, slash)));
                port.put("Type", key.substring(slash + 1));
                out.add(port);
            }
        }
        return out;
    }

    /** HostConfig.PortBindings as the client gave them. */
    static Map<String, Object> portBindings(HostConfig host) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PortBinding b : host.getPortBindingsList()) {
            String key = withProtocol(b.getContainerPort());
            List<Map<String, String>> list = out.containsKey(key) ? castList(out.get(key)) : new ArrayList<>();
            list.add(Map.of("HostIp", b.getHostIp(), "HostPort", b.getHostPort()));
            out.put(key, list);
        }
        return out;
    }

    private static boolean running(Container c) {
        ContainerStatus s = c.getState().getStatus();
        return c.hasNetwork() && (s == ContainerStatus.CONTAINER_STATUS_RUNNING || s == ContainerStatus.CONTAINER_STATUS_PAUSED);
    }

    private static String withProtocol(String port) {
        return port.contains("/") ? port : port + "/tcp";
    }
}

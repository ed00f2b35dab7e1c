package dev.berth.gateway.network;

import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.Network;
import dev.berth.proto.v1.NetworkMember;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network in Docker's shape (GET /networks/{id}, and each entry of GET /networks). */
final class NetworkViews {

    private NetworkViews() {
    }

    static Map<String, Object> inspect(Network n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", n.getName());
        out.put("Id", n.getId());
        out.put("Created", DockerTime.rfc3339Nano(true, n.getCreated()));
        out.put("Scope", "local");
        out.put("Driver", n.getDriver());
        out.put("EnableIPv6", false);
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("Driver", "default");
        ipam.put("Options", null);
        // The default bridge's subnet is each node's own choice: absent here, not made up.
        ipam.put("Config", n.getSubnet().isEmpty() ? List.of()
                : List.of(Map.of("Subnet", n.getSubnet(), "Gateway", n.getGateway())));
        out.put("IPAM", ipam);
        out.put("Internal", false);
        out.put("Attachable", n.getAttachable());
        out.put("Ingress", false);
        out.put("ConfigFrom", Map.of("Network", ""));
        out.put("ConfigOnly", false);
        Map<String, Object> containers = new LinkedHashMap<>();
        for (NetworkMember m : n.getMembersList()) {
            containers.put(m.getContainerId(), Map.of("Name", m.getName(), "EndpointID", m.getEndpointId(),
                    "MacAddress", m.getMacAddress(), "IPv4Address", m.getIpv4Address(), "IPv6Address", ""));
        }
        out.put("Containers", containers);
        out.put("Options", n.getOptionsMap());
        out.put("Labels", n.getLabelsMap());
        return out;
    }
}

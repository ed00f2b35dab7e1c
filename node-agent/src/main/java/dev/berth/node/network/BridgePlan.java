package dev.berth.node.network;

import dev.berth.common.net.HostRoutes;
import dev.berth.common.net.Ipv4Subnet;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one network is wired through CNI: its host bridge, subnet and gateway, and the name under
 * which host-local keeps its addresses (the network's own directory under the IPAM root).
 *
 * @param cniName    the CNI network name: "bridge" for the default network, the id for others
 * @param networkId  64 hex digits, shown in inspect
 * @param name       the network's name as users give it
 * @param bridge     the host's bridge interface (berth0; br- and 12 hex digits of the id)
 */
public record BridgePlan(String cniName, String networkId, String name, String bridge, Ipv4Subnet subnet,
        String gateway) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Docker's name for a user-defined network's bridge: br- and the first 12 digits of its id. */
    public static String bridgeOf(String networkId) {
        return "br-" + networkId.substring(0, Math.min(12, networkId.length()));
    }

    /** The bridge plugin's config: the host bridge as gateway, masquerading out, host-local addresses. */
    public byte[] bridgeConfig(Path ipamDir) {
        return bridgeConfig(ipamDir, true);
    }

    /**
     * {@code defaultRoute}: whether the container's default route goes through this network; only
     * its first network's does (a second one would clash with it), as on Docker.
     */
    public byte[] bridgeConfig(Path ipamDir, boolean defaultRoute) {
        ObjectNode conf = header("bridge");
        conf.put("bridge", bridge).put("isGateway", true).put("ipMasq", true).put("hairpinMode", true);
        ObjectNode ipam = conf.putObject("ipam").put("type", "host-local").put("dataDir", ipamDir.toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", subnet.toString()).put("gateway", gateway);
        if (defaultRoute) {
            ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        }
        return JSON.writeValueAsBytes(conf);
    }

    /**
     * The firewall plugin's config after the bridge's result: lets the container's traffic through
     * the host's FORWARD chain even where its policy is DROP (as dockerd leaves it).
     */
    public byte[] firewallConfig(String bridgeResult) {
        ObjectNode conf = header("firewall").put("backend", "iptables");
        conf.set("prevResult", JSON.readTree(bridgeResult));
        return JSON.writeValueAsBytes(conf);
    }

    private ObjectNode header(String type) {
        return JSON.createObjectNode().put("cniVersion", "1.0.0").put("name", cniName).put("type", type);
    }
}

package dev.berth.node.network;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.NetworkState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a container's run on a bridge network (the default one or a user-defined one) and takes it off again: a namespace of its
 * own, its loopback up, an interface on the bridge with an address from host-local, a way through
 * the host's firewall. What was made is kept in the run directory, so that a restarted agent
 * still takes it down when the run ends. Callers hold the container's lock.
 */
@Component
public class ContainerNetworks {

    private static final Logger log = LoggerFactory.getLogger(ContainerNetworks.class);
    /** The bridge plugin's result, which DEL of the firewall needs. */
    private static final String RESULT_FILE = "cni-bridge.json";
    private static final String STATE_FILE = "network.pb";
    /** The network the run joined, so that it is taken off that one even after a restart. */
    private static final String PLAN_FILE = "network-plan.json";

    private final NetNamespaces namespaces;
    private final CniRunner cni;
    private final DefaultBridge bridge;
    private final JsonMapper json = JsonMapper.builder().build();

    public ContainerNetworks(NetNamespaces namespaces, CniRunner cni, DefaultBridge bridge) {
        this.namespaces = namespaces;
        this.cni = cni;
        this.bridge = bridge;
    }

    /** Where the container's namespace is (or will be): config.json names it before it exists. */
    public Path namespaceOf(String containerId) {
        return namespaces.pathOf(containerId);
    }

    /** Wires a new run to the network's bridge; on failure nothing of it is left. */
    public NetworkState attach(String containerId, Path runDir, BridgePlan plan) {
        try {
            Files.write(runDir.resolve(PLAN_FILE), json.writeValueAsBytes(plan));
            Path netns = namespaces.create(containerId);
            cni.add("loopback", containerId, netns, "lo", loopbackConfig());
            String result = cni.add("bridge", containerId, netns, CniRunner.INTERFACE, plan.bridgeConfig(bridge.ipamDir()));
            Files.writeString(runDir.resolve(RESULT_FILE), result);
            cni.add("firewall", containerId, netns, CniRunner.INTERFACE, plan.firewallConfig(result));
            NetworkState state = stateOf(json.readTree(result), netns, plan);
            Files.write(runDir.resolve(STATE_FILE), state.toByteArray());
            return state;
        } catch (IOException | RuntimeException e) {
            detach(containerId, runDir);
            if (e instanceof BerthException be) {
                throw be;
            }
            throw BerthException.internal("cannot connect container " + containerId + " to network " + plan.name()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the run's network (with its ports, once published) for inspect and for a restarted agent. */
    public void record(Path runDir, NetworkState state) throws IOException {
        Files.write(runDir.resolve(STATE_FILE), state.toByteArray());
    }

    /** The network of the container's current run as {@link #attach} recorded it; null if none. */
    public NetworkState recorded(Path runDir) {
        Path file = runDir.resolve(STATE_FILE);
        try {
            return Files.exists(file) ? NetworkState.parseFrom(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Takes the run off its network: each step is done even when one before it failed. */
    public void detach(String containerId, Path runDir) {
        Path netns = namespaces.pathOf(containerId);
        Path resultFile = runDir.resolve(RESULT_FILE);
        boolean attached = namespaces.exists(containerId) || Files.exists(resultFile);
        if (!attached) {
            return;
        }
        try {
            BridgePlan plan = planOf(runDir);
            String result = Files.exists(resultFile) ? Files.readString(resultFile) : null;
            if (result != null) {
                quietly(() -> cni.delete("firewall", containerId, netns, CniRunner.INTERFACE, plan.firewallConfig(result)));
            }
            // The bridge's DEL frees the address even when the namespace is gone (CNI's rule).
            quietly(() -> cni.delete("bridge", containerId, netns, CniRunner.INTERFACE, plan.bridgeConfig(bridge.ipamDir())));
            namespaces.remove(containerId);
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(runDir.resolve(STATE_FILE));
            Files.deleteIfExists(runDir.resolve(PLAN_FILE));
        } catch (IOException e) {
            log.warn("cannot take {} off network bridge: {}", containerId, e.getMessage());
        }
    }

    /** The network the run joined as {@link #attach} kept it: the default one for a run from before. */
    public BridgePlan planOf(Path runDir) {
        Path file = runDir.resolve(PLAN_FILE);
        try {
            return Files.exists(file) ? json.readValue(Files.readAllBytes(file), BridgePlan.class) : bridge.plan(null);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read {}: {}; taking the run off the default network", file, e.getMessage());
            return bridge.plan(null);
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("{}", e.getMessage());
        }
    }

    private byte[] loopbackConfig() {
        return json.writeValueAsBytes(json.createObjectNode()
                .put("cniVersion", "1.0.0").put("name", "lo").put("type", "loopback"));
    }

    /** NetworkSettings from the bridge's CNI 1.0 result: the first IP, and the MAC of its interface. */
    NetworkState stateOf(JsonNode result, Path netns, BridgePlan plan) {
        JsonNode ip = result.path("ips").path(0);
        String address = ip.path("address").asString("");
        int slash = address.indexOf('/');
        if (slash < 0) {
            throw BerthException.internal("CNI bridge gave no address: " + result, null);
        }
        JsonNode iface = result.path("interfaces").path(ip.path("interface").asInt(-1));
        return NetworkState.newBuilder()
                .setNetwork(plan.name())
                .setNetworkId(plan.networkId())
                .setEndpointId(RandomIds.next())
                .setIpAddress(address.substring(0, slash))
                .setIpPrefixLen(Integer.parseInt(address.substring(slash + 1)))
                .setGateway(ip.path("gateway").asString(""))
                .setMacAddress(iface.path("mac").asString(""))
                .setSandboxKey(netns.toString())
                .build();
    }
}

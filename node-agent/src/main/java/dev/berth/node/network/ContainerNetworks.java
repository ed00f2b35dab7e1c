package dev.berth.node.network;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.NetworkState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import dev.berth.node.nativ.Trees;
import jakarta.annotation.PreDestroy;
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
    /** One directory per network the run joined besides its first, named by the network's id. */
    private static final String CONNECTED_DIR = "connected";
    private static final String INTERFACE_FILE = "interface";

    private final NetNamespaces namespaces;
    /** Runs the loopback plugin beside the bridge plugin of the same run. */
    private static final ExecutorService LOOPBACKS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cni-loopback");
        thread.setDaemon(true);
        return thread;
    });
    private final CniRunner cni;
    private final DefaultBridge bridge;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Per container, the teardown queued or running last. */
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final ExecutorService teardowns = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "network-teardown");
        thread.setDaemon(true);
        return thread;
    });
    private final Path teardownRoot;

    public ContainerNetworks(NetNamespaces namespaces, CniRunner cni, DefaultBridge bridge) {
        this.namespaces = namespaces;
        this.cni = cni;
        this.bridge = bridge;
        this.teardownRoot = bridge.ipamDir().getParent().resolve("teardown");
        resumeTeardowns();
    }

    /** Where the container's namespace is (or will be): config.json names it before it exists. */
    public Path namespaceOf(String containerId) {
        return namespaces.pathOf(containerId);
    }

    /** Wires a new run to the network's bridge; on failure nothing of it is left. */
    public NetworkState attach(String containerId, Path runDir, BridgePlan plan) {
        awaitTeardown(containerId);
        CompletableFuture<String> loopback = null;
        try {
            Files.write(runDir.resolve(PLAN_FILE), json.writeValueAsBytes(plan));
            Path netns = namespaces.create(containerId);
            // lo and eth0 are independent: the loopback plugin runs while the bridge plugin does
            loopback = CompletableFuture.supplyAsync(
                    () -> cni.add("loopback", containerId, netns, "lo", loopbackConfig()), LOOPBACKS);
            String result = cni.add("bridge", containerId, netns, CniRunner.INTERFACE, plan.bridgeConfig(bridge.ipamDir()));
            loopback.join();
            Files.writeString(runDir.resolve(RESULT_FILE), result);
            cni.add("firewall", containerId, netns, CniRunner.INTERFACE, plan.firewallConfig(result));
            NetworkState state = stateOf(json.readTree(result), netns, plan);
            Files.write(runDir.resolve(STATE_FILE), state.toByteArray());
            return state;
        } catch (IOException | RuntimeException e) {
            if (loopback != null) {
                loopback.handle((ignored, failure) -> null).join(); // done before the namespace goes
            }
            detach(containerId, runDir);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof BerthException be) {
                throw be;
            }
            throw BerthException.internal("cannot connect container " + containerId + " to network " + plan.name()
                    + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Wires a running container to one more network, on interface {@code ifname} of its namespace,
     * without a default route (its first network keeps that). On failure nothing of it is left.
     */
    public NetworkState attachConnected(String containerId, Path runDir, BridgePlan plan, String ifname) {
        Path dir = runDir.resolve(CONNECTED_DIR).resolve(plan.networkId());
        Path netns = namespaces.pathOf(containerId);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(PLAN_FILE), json.writeValueAsBytes(plan));
            Files.writeString(dir.resolve(INTERFACE_FILE), ifname);
            String result = cni.add("bridge", containerId, netns, ifname, plan.bridgeConfig(bridge.ipamDir(), false));
            Files.writeString(dir.resolve(RESULT_FILE), result);
            cni.add("firewall", containerId, netns, ifname, plan.firewallConfig(result));
            return stateOf(json.readTree(result), netns, plan).toBuilder().setInterfaceName(ifname).build();
        } catch (IOException | RuntimeException e) {
            tearDownConnected(containerId, dir);
            if (e instanceof BerthException be) {
                throw be;
            }
            throw BerthException.internal("cannot connect container " + containerId + " to network " + plan.name()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Takes a running container off one of the networks it joined besides its first; nothing if it is not on it. */
    public void detachConnected(String containerId, Path runDir, String networkId) {
        Path dir = runDir.resolve(CONNECTED_DIR).resolve(networkId);
        if (Files.isDirectory(dir)) {
            tearDownConnected(containerId, dir);
        }
    }

    /** The CNI DELs of one such network, each done even when one before failed, then its directory. */
    private void tearDownConnected(String containerId, Path dir) {
        Path netns = namespaces.pathOf(containerId);
        try {
            Path planFile = dir.resolve(PLAN_FILE);
            if (Files.exists(planFile)) {
                BridgePlan plan = json.readValue(Files.readAllBytes(planFile), BridgePlan.class);
                String ifname = Files.readString(dir.resolve(INTERFACE_FILE)).trim();
                Path resultFile = dir.resolve(RESULT_FILE);
                if (Files.exists(resultFile)) {
                    String result = Files.readString(resultFile);
                    quietly(() -> cni.delete("firewall", containerId, netns, ifname, plan.firewallConfig(result)));
                }
                quietly(() -> cni.delete("bridge", containerId, netns, ifname, plan.bridgeConfig(bridge.ipamDir(), false)));
            }
            Trees.deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot take {} off network {}: {}", containerId, dir.getFileName(), e.getMessage());
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

    /**
     * Takes the run off its network. What the CNI DELs need (the network's plan, the bridge's
     * result) is moved at once into a teardown record under the node's root, and the DELs run in the
     * background, off the path of a stop or a removal: a CNI DEL costs a hundred milliseconds. A new
     * run of the same container waits for them ({@link #attach}); records left by an agent that
     * died are torn down when it starts again. Nothing if the run was not on a network.
     */
    public void detach(String containerId, Path runDir) {
        Path resultFile = runDir.resolve(RESULT_FILE);
        Path planFile = runDir.resolve(PLAN_FILE);
        boolean attached = Files.exists(resultFile) || Files.exists(planFile)
                || Files.isDirectory(runDir.resolve(CONNECTED_DIR))
                || (namespaces.exists(containerId) && !pending.containsKey(containerId));
        if (!attached) {
            return;
        }
        try {
            Path record = Files.createDirectories(teardownRoot.resolve(containerId + "-" + System.nanoTime()));
            if (Files.exists(planFile)) {
                Files.move(planFile, record.resolve(PLAN_FILE), StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(resultFile)) {
                Files.move(resultFile, record.resolve(RESULT_FILE), StandardCopyOption.ATOMIC_MOVE);
            }
            Path connected = runDir.resolve(CONNECTED_DIR);
            if (Files.isDirectory(connected)) {
                Files.move(connected, record.resolve(CONNECTED_DIR), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(runDir.resolve(STATE_FILE));
            schedule(containerId, record);
        } catch (IOException e) {
            log.warn("cannot take {} off its network: {}", containerId, e.getMessage());
        }
    }

    /** Queues a teardown behind any other of the same container. */
    private void schedule(String containerId, Path record) {
        pending.compute(containerId, (id, before) -> {
            CompletableFuture<Void> next = (before == null ? CompletableFuture.<Void>completedFuture(null) : before)
                    .handle((ignored, failure) -> null)
                    .thenRunAsync(() -> tearDown(id, record), teardowns);
            next.whenComplete((ignored, failure) -> pending.remove(id, next));
            return next;
        });
    }

    /** Each step is done even when one before it failed. */
    private void tearDown(String containerId, Path record) {
        Path netns = namespaces.pathOf(containerId);
        try {
            Path connected = record.resolve(CONNECTED_DIR);
            if (Files.isDirectory(connected)) {
                try (var dirs = Files.list(connected)) {
                    dirs.toList().forEach(dir -> tearDownConnected(containerId, dir));
                }
            }
            BridgePlan plan = planOf(record);
            Path resultFile = record.resolve(RESULT_FILE);
            String result = Files.exists(resultFile) ? Files.readString(resultFile) : null;
            if (result != null) {
                quietly(() -> cni.delete("firewall", containerId, netns, CniRunner.INTERFACE, plan.firewallConfig(result)));
            }
            // The bridge's DEL frees the address even when the namespace is gone (CNI's rule).
            quietly(() -> cni.delete("bridge", containerId, netns, CniRunner.INTERFACE, plan.bridgeConfig(bridge.ipamDir())));
            namespaces.remove(containerId);
            Trees.deleteRecursively(record);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot take {} off network: {}", containerId, e.getMessage());
        }
    }

    /** Waits for the teardowns of the container's earlier runs, so that a new run starts clean. */
    private void awaitTeardown(String containerId) {
        CompletableFuture<Void> before = pending.get(containerId);
        if (before != null) {
            before.join();
        }
    }

    /** Teardowns an agent that died left: done now, in the background as ever. */
    private void resumeTeardowns() {
        if (!Files.isDirectory(teardownRoot)) {
            return;
        }
        try (var records = Files.list(teardownRoot)) {
            records.filter(Files::isDirectory).sorted().forEach(record -> {
                String name = record.getFileName().toString();
                int dash = name.indexOf('-');
                schedule(dash < 0 ? name : name.substring(0, dash), record);
            });
        } catch (IOException e) {
            log.warn("cannot read {}: {}", teardownRoot, e.getMessage());
        }
    }

    /** Lets the teardowns under way finish before the agent stops, so that none is left half done. */
    @PreDestroy
    void drain() throws InterruptedException {
        teardowns.shutdown();
        if (!teardowns.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("network teardowns still running at shutdown: resumed at the next start");
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
                .setInterfaceName(CniRunner.INTERFACE)
                .build();
    }
}

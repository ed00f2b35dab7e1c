package dev.berth.node.bundle;

import dev.berth.node.config.NodeProperties;
import dev.berth.node.nativ.Mounts;
import dev.berth.node.nativ.Trees;
import dev.berth.node.network.NetNamespaces;
import dev.berth.node.network.NetworkMode;
import dev.berth.node.volume.NodeVolumes;
import dev.berth.node.volume.VolumeCopyUp;
import dev.berth.proto.v1.VolumeMount;
import java.util.HashMap;
import java.util.Map;
import dev.berth.node.ports.PortSpecs;
import dev.berth.node.spec.HostLimits;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.OciSpecFactory;
import dev.berth.node.spec.UserResolver;
import dev.berth.node.state.Container;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NodeCreateRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A container's files on this node: the bundle (writable layer and work dir, the overlay rootfs,
 * the generated /etc/hostname, /etc/hosts, /etc/resolv.conf, config.json) and its run directory.
 * Callers hold the container's lock.
 */
@Component
public class Bundles {

    private static final String LAYERS_FILE = "layers";
    /** The container's GroupAdd, one a line: an exec as another user joins those groups too (Docker's rule). */
    private static final String GROUP_ADD_FILE = "group-add";
    /** The container's HealthConfig (protobuf), for the node's healthchecks. */
    private static final String HEALTHCHECK_FILE = "healthcheck.pb";
    /** Its network mode and the ports each run publishes (a HostConfig with only those), for starts. */
    private static final String NETWORK_FILE = "network-request.pb";
    /** /etc/hosts as created, before any run's address and network peers are written into it. */
    private static final String HOSTS_BASE_FILE = "hosts.base";

    private final OciSpecFactory specFactory = new OciSpecFactory();
    private final Path initBinary;
    private final NetNamespaces namespaces;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final Logger log = LoggerFactory.getLogger(Bundles.class);

    private final NodeVolumes volumes;

    public Bundles(NodeProperties properties, NetNamespaces namespaces, NodeVolumes volumes) {
        this.initBinary = properties.initPath();
        this.namespaces = namespaces;
        this.volumes = volumes;
    }

    public void build(Container container, NodeCreateRequest request, List<Path> layersBottomFirst) throws IOException {
        HostConfig network = networkRequest(request);
        Path bundle = container.bundle();
        Path upper = upperDir(container);
        Path work = bundle.resolve("work");
        Files.createDirectories(upper);
        Files.createDirectories(work);
        Files.createDirectories(container.rootfs());
        Files.createDirectories(container.runDir());
        Files.write(bundle.resolve(LAYERS_FILE), layersBottomFirst.stream().map(Path::toString).toList());
        mount(container, layersBottomFirst, upper, work);

        String hostname = OciSpecFactory.hostname(container.id(), request.getConfig(), request.getHostConfig());
        Path hostnameFile = write(container.hostnameFile(), hostname + "\n");
        String domainname = request.getConfig().getDomainname();
        String names = domainname.isEmpty() ? hostname : hostname + "." + domainname + " " + hostname;
        String hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.0.1\t" + names + "\n";
        write(bundle.resolve(HOSTS_BASE_FILE), hosts);
        Path hostsFile = write(container.hostsFile(), hosts);
        Path resolvConf = write(container.resolvConfFile(), hostResolvConf());

        Files.write(bundle.resolve(GROUP_ADD_FILE), request.getHostConfig().getGroupAddList());
        Files.write(bundle.resolve(NETWORK_FILE), network.toByteArray());
        if (request.getConfig().hasHealthcheck()) {
            Files.write(bundle.resolve(HEALTHCHECK_FILE), request.getConfig().getHealthcheck().toByteArray());
        }
        UserResolver.ResolvedUser user = new UserResolver(container.rootfs())
                .resolve(request.getConfig().getUser(), request.getHostConfig().getGroupAddList());
        HostLimits.Limit nofile = HostLimits.openFiles();
        OciSpec spec = specFactory.build(new OciSpecFactory.Inputs(container.id(), request.getConfig(),
                request.getHostConfig(), container.rootfs(), hostnameFile, hostsFile, resolvConf, user,
                nofile.soft(), nofile.hard(), initBinary,
                NetworkMode.joinsBridge(network.getNetworkMode()) ? namespaces.pathOf(container.id()) : null,
                prepareVolumes(container, request.getHostConfig())));
        Files.write(bundle.resolve("config.json"), json.writeValueAsBytes(spec));
    }

    /**
     * Each volume's directory, made if missing; a volume still empty gets the image's content at
     * its mount point first (unless --mount volume-nocopy), as Docker copies it up at create.
     */
    private Map<String, Path> prepareVolumes(Container container, HostConfig host) throws IOException {
        Map<String, Path> dirs = new HashMap<>();
        for (VolumeMount volume : host.getVolumeMountsList()) {
            Path data = volumes.create(volume.getName());
            if (!volume.getNoCopy()) {
                VolumeCopyUp.fill(container.rootfs(), volume.getDestination(), data);
            }
            dirs.put(volume.getName(), data);
        }
        return dirs;
    }

    /**
     * The network mode and the ports to publish: -p's bindings, and with -P every exposed port. An
     * unknown network is refused at start, as Docker does; the host's network publishes nothing
     * (Docker discards the ports there).
     */
    static HostConfig networkRequest(NodeCreateRequest request) {
        HostConfig host = request.getHostConfig();
        HostConfig.Builder out = HostConfig.newBuilder().setNetworkMode(host.getNetworkMode());
        if (NetworkMode.joinsBridge(host.getNetworkMode())) {
            out.addAllPortBindings(PortSpecs.effective(host.getPortBindingsList(), host.getPublishAllPorts(),
                    request.getConfig().getExposedPortsList()));
        }
        return out.build();
    }

    /** What {@link #networkRequest} kept; the default network without ports for an older bundle. */
    public static HostConfig networkRequest(Container container) {
        Path file = container.bundle().resolve(NETWORK_FILE);
        try {
            return Files.exists(file) ? HostConfig.parseFrom(Files.readAllBytes(file)) : HostConfig.getDefaultInstance();
        } catch (IOException e) {
            log.warn("cannot read the network request of {}: {}", container.id(), e.getMessage());
            return HostConfig.getDefaultInstance();
        }
    }

    /**
     * The container's own line of /etc/hosts (the last one) names its address on the network, as
     * Docker writes it; 127.0.0.1 without one.
     */
    public void writeOwnAddress(Container container, String address) throws IOException {
        writeHosts(container, List.of(address), List.of());
    }

    /**
     * /etc/hosts for a run: the file as created, its own line for each of its addresses (one per
     * network, its first network's first), then one line per other member of its networks
     * ("172.18.0.3\tdb db-alias 0123456789ab"), so that they find each other by name. Written in
     * place, not by rename: the container's bind mount holds the inode.
     */
    public void writeHosts(Container container, List<String> addresses, List<String> peerLines) throws IOException {
        List<String> lines = new ArrayList<>(hostsBase(container));
        if (lines.isEmpty() || addresses.isEmpty()) {
            return;
        }
        String own = lines.remove(lines.size() - 1);
        int tab = own.indexOf('\t');
        String names = own.substring(tab < 0 ? own.length() : tab);
        for (String address : addresses) {
            lines.add(address + names);
        }
        lines.addAll(peerLines);
        Files.write(container.hostsFile(), lines);
    }

    /** The hosts file as {@link #build} made it; kept aside the first time for a bundle made before. */
    private static List<String> hostsBase(Container container) throws IOException {
        Path base = container.bundle().resolve(HOSTS_BASE_FILE);
        if (Files.exists(base)) {
            return Files.readAllLines(base);
        }
        List<String> current = Files.readAllLines(container.hostsFile());
        List<String> created = current.subList(0, Math.min(3, current.size()));
        Files.write(base, created);
        return created;
    }

    /**
     * For --network container:X, before a run: config.json names X's network namespace ({@code
     * null}: the host's, so none of its own) and X's hostname; X's /etc/hostname, /etc/hosts and
     * /etc/resolv.conf are copied into the container's own files, in place (their mounts hold the inodes).
     */
    public void shareNetworkOf(Container container, Container other, Path namespace) throws IOException {
        Path config = container.bundle().resolve("config.json");
        tools.jackson.databind.node.ObjectNode spec = (tools.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
        tools.jackson.databind.node.ArrayNode namespaces = (tools.jackson.databind.node.ArrayNode) spec.path("linux").path("namespaces");
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if (namespaces.get(i).path("type").asString("").equals("network")) {
                namespaces.remove(i);
            }
        }
        if (namespace != null) {
            namespaces.addObject().put("type", "network").put("path", namespace.toString());
        }
        String hostname = Files.readString(other.hostnameFile()).trim();
        if (!hostname.isEmpty()) {
            spec.put("hostname", hostname);
        }
        Files.write(config, json.writeValueAsBytes(spec));
        Files.write(container.hostnameFile(), Files.readAllBytes(other.hostnameFile()));
        Files.write(container.hostsFile(), Files.readAllBytes(other.hostsFile()));
        Files.write(container.resolvConfFile(), Files.readAllBytes(other.resolvConfFile()));
    }

    /** The container's GroupAdd as {@link #build} kept it; none for a bundle from before it was kept. */
    public static List<String> groupAdd(Container container) {
        try {
            Path file = container.bundle().resolve(GROUP_ADD_FILE);
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The container's healthcheck as {@link #build} kept it; null for none. */
    public static HealthConfig healthcheck(Container container) {
        Path file = container.bundle().resolve(HEALTHCHECK_FILE);
        try {
            return Files.exists(file) ? HealthConfig.parseFrom(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            log.warn("cannot read the healthcheck of {}: {}", container.id(), e.getMessage());
            return null;
        }
    }

    /** The overlay's upper dir: the container's writable layer. */
    public static Path upperDir(Container container) {
        return container.bundle().resolve("upper");
    }

    /** The image's layer directories, the overlay's lower dirs, as {@link #build} kept them: bottom first. */
    public static List<Path> layersBottomFirst(Container container) throws IOException {
        return Files.readAllLines(container.bundle().resolve(LAYERS_FILE)).stream().map(Path::of).toList();
    }

    /** Mounts the overlay unless it is there already (a restarted container, a restarted agent). */
    private void mount(Container container, List<Path> layersBottomFirst, Path upper, Path work) throws IOException {
        if (Mounts.isMountPoint(container.rootfs())) {
            return;
        }
        List<Path> topFirst = new ArrayList<>(layersBottomFirst);
        Collections.reverse(topFirst);
        Mounts.mountOverlay(topFirst, upper, work, container.rootfs());
    }

    /**
     * Makes the bundle ready for a new run: the rootfs mounted again if needed (from the layer list
     * kept in the bundle), and the previous run's pid file, exit files and conmon sockets gone.
     */
    public void prepareRun(Container container) throws IOException {
        if (!Mounts.isMountPoint(container.rootfs())) {
            mount(container, layersBottomFirst(container), upperDir(container), container.bundle().resolve("work"));
        }
        Trees.deleteRecursively(container.runDir());
        Files.createDirectories(container.runDir());
        Files.createDirectories(container.exitDir());
        Files.deleteIfExists(container.exitDir().resolve(container.id()));
        for (String stale : List.of("pidfile", "attach", "ctl", "winsz")) {
            Files.deleteIfExists(container.bundle().resolve(stale));
        }
    }

    /** Mounts the rootfs again if it is not (after a host reboot): `docker cp` reaches stopped containers too. */
    public void ensureMounted(Container container) throws IOException {
        if (!Mounts.isMountPoint(container.rootfs())) {
            mount(container, layersBottomFirst(container), upperDir(container), container.bundle().resolve("work"));
        }
    }

    /** Unmounts the rootfs and deletes the bundle, the run directory and the exit file. */
    public void discard(Container container) {
        Mounts.unmount(container.rootfs());
        try {
            Trees.deleteRecursively(container.bundle());
            Trees.deleteRecursively(container.runDir());
            Files.deleteIfExists(container.exitDir().resolve(container.id()));
        } catch (IOException e) {
            log.warn("cannot delete files of {}: {}", container.id(), e.getMessage());
        }
    }

    private static String hostResolvConf() {
        try {
            return Files.readString(Path.of("/etc/resolv.conf"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        return file;
    }
}

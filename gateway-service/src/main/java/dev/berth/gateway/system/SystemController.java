package dev.berth.gateway.system;

import dev.berth.gateway.api.ApiVersion;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.GatewayProperties;
import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.NodeDescription;
import io.grpc.StatusRuntimeException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /_ping, /version and /info: Berth's build, the node's runtimes, the host, the counts. */
@RestController
class SystemController {

    private final HostFacts host;
    private final BerthBuild build;
    private final NodeRuntimes runtimes;
    private final GatewayProperties properties;
    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    SystemController(HostFacts host, BerthBuild build, NodeRuntimes runtimes, GatewayProperties properties,
                     ContainerServiceGrpc.ContainerServiceBlockingStub containers,
                     ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.host = host;
        this.build = build;
        this.runtimes = runtimes;
        this.properties = properties;
        this.containers = containers;
        this.images = images;
    }

    @RequestMapping(path = "/_ping", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<String> ping() {
        return ResponseEntity.ok()
                .header("Api-Version", ApiVersion.CURRENT)
                .header("Ostype", "linux")
                .header("Docker-Experimental", "false")
                .cacheControl(CacheControl.noCache())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .contentType(MediaType.TEXT_PLAIN)
                .body("OK");
    }

    @GetMapping("/version")
    ResponseEntity<Map<String, Object>> version() {
        Optional<NodeDescription> node = runtimes.describe(new ArrayList<>());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersion.CURRENT);
        details.put("Arch", host.goArch());
        build.buildTime().ifPresent(time -> details.put("BuildTime", time));
        details.put("Experimental", "false");
        build.gitCommit().ifPresent(commit -> details.put("GitCommit", commit));
        details.put("GoVersion", javaVersion());
        details.put("KernelVersion", host.kernelVersion());
        details.put("MinAPIVersion", ApiVersion.MINIMUM);
        details.put("Os", "linux");
        List<Map<String, Object>> components = new ArrayList<>();
        components.add(component("Engine", build.version(), details));
        node.filter(NodeDescription::hasRunc).ifPresent(n -> components.add(program("runc", n.getRunc())));
        node.filter(NodeDescription::hasConmon).ifPresent(n -> components.add(program("conmon", n.getConmon())));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Platform", Map.of("Name", "Berth Engine"));
        body.put("Components", components);
        build.version().ifPresent(version -> body.put("Version", version));
        body.put("ApiVersion", ApiVersion.CURRENT);
        body.put("MinAPIVersion", ApiVersion.MINIMUM);
        build.gitCommit().ifPresent(commit -> body.put("GitCommit", commit));
        body.put("GoVersion", javaVersion());
        body.put("Os", "linux");
        body.put("Arch", host.goArch());
        body.put("KernelVersion", host.kernelVersion());
        build.buildTime().ifPresent(time -> body.put("BuildTime", time));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/info")
    ResponseEntity<Map<String, Object>> info() {
        List<String> warnings = new ArrayList<>();
        List<Container> all = List.of();
        Integer imageCount = null;
        // docker info should print even when a backend is down: say so in the warnings instead.
        try {
            all = containers.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                    .getContainersList();
        } catch (StatusRuntimeException e) {
            warnings.add("WARNING: container-service: " + GrpcErrors.message(e.getStatus()));
        }
        try {
            // Docker counts every image here, the intermediate ones of builds too (docker images -a)
            imageCount = images.listImages(ListImagesRequest.newBuilder().setAll(true).build()).getImagesCount();
        } catch (StatusRuntimeException e) {
            warnings.add("WARNING: image-service: " + GrpcErrors.message(e.getStatus()));
        }
        Optional<NodeDescription> node = runtimes.describe(warnings);
        long running = count(all, ContainerStatus.CONTAINER_STATUS_RUNNING);
        long paused = count(all, ContainerStatus.CONTAINER_STATUS_PAUSED);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ID", host.engineId());
        body.put("Containers", all.size());
        body.put("ContainersRunning", running);
        body.put("ContainersPaused", paused);
        body.put("ContainersStopped", all.size() - running - paused);
        if (imageCount != null) {
            body.put("Images", imageCount);
        }
        body.put("Driver", "overlay2");
        // What Berth has today: container networks "host" and "none" ("null" in Docker's words), and
        // conmon's k8s-file logs; no volumes.
        body.put("Plugins", Map.of("Volume", List.of(), "Network", List.of("host", "null"),
                "Log", List.of("k8s-file")));
        body.put("MemoryLimit", true);
        body.put("SwapLimit", false);
        body.put("KernelMemoryTCP", false);
        body.put("CpuCfsPeriod", true);
        body.put("CpuCfsQuota", true);
        body.put("CPUShares", true);
        body.put("CPUSet", true);
        body.put("PidsLimit", true);
        body.put("OomKillDisable", false);
        body.put("IPv4Forwarding", host.ipv4Forwarding());
        body.put("Debug", false);
        body.put("SystemTime", DockerTime.rfc3339Nano(Instant.now()));
        body.put("LoggingDriver", "k8s-file");
        node.ifPresent(n -> {
            body.put("CgroupDriver", n.getCgroupDriver());
            body.put("CgroupVersion", n.getCgroupVersion());
        });
        body.put("KernelVersion", host.kernelVersion());
        body.put("OperatingSystem", host.operatingSystem());
        body.put("OSVersion", host.osVersion());
        body.put("OSType", "linux");
        body.put("Architecture", host.machine());
        body.put("IndexServerAddress", "https://index.docker.io/v1/");
        body.put("NCPU", host.cpus());
        body.put("MemTotal", host.memTotal());
        body.put("DockerRootDir", properties.dataRoot());
        body.put("Name", host.hostname());
        body.put("Labels", List.of());
        body.put("ExperimentalBuild", false);
        build.version().ifPresent(version -> body.put("ServerVersion", version));
        body.put("Runtimes", Map.of("runc", Map.of("path", "runc")));
        body.put("DefaultRuntime", "runc");
        body.put("Swarm", swarm());
        body.put("LiveRestoreEnabled", true);
        node.filter(NodeDescription::hasRunc).ifPresent(n -> body.put("RuncCommit", Map.of("ID", n.getRunc().getCommit())));
        // Every node applies Docker's default seccomp profile (node-agent spec/security); no AppArmor, SELinux or userns.
        body.put("SecurityOptions", List.of("name=seccomp,profile=builtin"));
        body.put("Warnings", warnings);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Docker names the Go it was built with; Berth names the Java it runs on. */
    private static String javaVersion() {
        return "java" + Runtime.version();
    }

    private static long count(List<Container> all, ContainerStatus status) {
        return all.stream().filter(c -> c.getState().getStatus() == status).count();
    }

    private static Map<String, Object> component(String name, Optional<String> version, Map<String, Object> details) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("Name", name);
        version.ifPresent(v -> component.put("Version", v));
        component.put("Details", details);
        return component;
    }

    private static Map<String, Object> program(String name, NodeDescription.Program program) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!program.getCommit().isEmpty()) {
            details.put("GitCommit", program.getCommit());
        }
        return component(name, Optional.of(program.getVersion()), details);
    }

    private static Map<String, Object> swarm() {
        Map<String, Object> swarm = new LinkedHashMap<>();
        swarm.put("NodeID", "");
        swarm.put("NodeAddr", "");
        swarm.put("LocalNodeState", "inactive");
        swarm.put("ControlAvailable", false);
        swarm.put("Error", "");
        swarm.put("RemoteManagers", null);
        return swarm;
    }
}

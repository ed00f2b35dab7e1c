package dev.berth.gateway.system;

import dev.berth.gateway.api.ApiVersion;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.GatewayProperties;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.ListImagesRequest;
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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /_ping, /version and /info. */
@RestController
class SystemController {

    private static final String GO_VERSION = "go1.21.13";
    private static final String GIT_COMMIT = "berth";

    private final HostFacts host;
    private final GatewayProperties properties;
    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    SystemController(HostFacts host, GatewayProperties properties,
                     ContainerServiceGrpc.ContainerServiceBlockingStub containers,
                     ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.host = host;
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
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersion.CURRENT);
        details.put("Arch", "amd64");
        details.put("BuildTime", DateTimeFormatter.ISO_INSTANT.format(Instant.EPOCH));
        details.put("Experimental", "false");
        details.put("GitCommit", GIT_COMMIT);
        details.put("GoVersion", GO_VERSION);
        details.put("KernelVersion", host.kernelVersion());
        details.put("MinAPIVersion", ApiVersion.MINIMUM);
        details.put("Os", "linux");
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("Name", "Engine");
        engine.put("Version", properties.engineVersion());
        engine.put("Details", details);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Platform", Map.of("Name", "Berth Engine"));
        body.put("Components", List.of(engine));
        body.put("Version", properties.engineVersion());
        body.put("ApiVersion", ApiVersion.CURRENT);
        body.put("MinAPIVersion", ApiVersion.MINIMUM);
        body.put("GitCommit", GIT_COMMIT);
        body.put("GoVersion", GO_VERSION);
        body.put("Os", "linux");
        body.put("Arch", "amd64");
        body.put("KernelVersion", host.kernelVersion());
        body.put("BuildTime", DateTimeFormatter.ISO_INSTANT.format(Instant.EPOCH));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/info")
    ResponseEntity<Map<String, Object>> info() {
        List<String> warnings = new ArrayList<>();
        List<Container> all = List.of();
        int imageCount = 0;
        // docker info should print even when a backend is down: say so in the warnings instead.
        try {
            all = containers.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                    .getContainersList();
        } catch (StatusRuntimeException e) {
            warnings.add("WARNING: container-service: " + GrpcErrors.message(e.getStatus()));
        }
        try {
            imageCount = images.listImages(ListImagesRequest.getDefaultInstance()).getImagesCount();
        } catch (StatusRuntimeException e) {
            warnings.add("WARNING: image-service: " + GrpcErrors.message(e.getStatus()));
        }
        long running = all.stream().filter(c -> c.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_RUNNING).count();
        long paused = all.stream().filter(c -> c.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_PAUSED).count();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ID", host.engineId());
        body.put("Containers", all.size());
        body.put("ContainersRunning", running);
        body.put("ContainersPaused", paused);
        body.put("ContainersStopped", all.size() - running - paused);
        body.put("Images", imageCount);
        body.put("Driver", "overlay2");
        body.put("DriverStatus", List.of(List.of("Backing Filesystem", "extfs")));
        // What Berth has today: container networks "host" and "none" ("null" in Docker's words), and
        // conmon's k8s-file logs.
        body.put("Plugins", Map.of("Volume", List.of("local"), "Network", List.of("host", "null"),
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
        body.put("BridgeNfIptables", false);
        body.put("BridgeNfIp6tables", false);
        body.put("Debug", false);
        body.put("NFd", 0);
        body.put("NGoroutines", 0);
        body.put("SystemTime", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        body.put("LoggingDriver", "k8s-file");
        body.put("CgroupDriver", "cgroupfs");
        body.put("CgroupVersion", "1");
        body.put("NEventsListener", 0);
        body.put("KernelVersion", host.kernelVersion());
        body.put("OperatingSystem", host.operatingSystem());
        body.put("OSVersion", "");
        body.put("OSType", "linux");
        body.put("Architecture", "x86_64");
        body.put("IndexServerAddress", "https://index.docker.io/v1/");
        body.put("RegistryConfig", null);
        body.put("NCPU", host.cpus());
        body.put("MemTotal", host.memTotal());
        body.put("GenericResources", null);
        body.put("DockerRootDir", properties.dataRoot());
        body.put("HttpProxy", "");
        body.put("HttpsProxy", "");
        body.put("NoProxy", "");
        body.put("Name", host.hostname());
        body.put("Labels", List.of());
        body.put("ExperimentalBuild", false);
        body.put("ServerVersion", properties.engineVersion());
        body.put("Runtimes", Map.of("runc", Map.of("path", "runc")));
        body.put("DefaultRuntime", "runc");
        body.put("Swarm", swarm());
        body.put("LiveRestoreEnabled", true);
        body.put("Isolation", "");
        body.put("InitBinary", "");
        body.put("ContainerdCommit", Map.of("ID", ""));
        body.put("RuncCommit", Map.of("ID", ""));
        body.put("InitCommit", Map.of("ID", ""));
        body.put("SecurityOptions", List.of());
        body.put("Warnings", warnings);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
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

package dev.berth.node.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the node-agent ({@code berth.node.*}).
 *
 * @param root               persistent data: snapshots and containers
 * @param runRoot            volatile data: conmon pid files, exit files
 * @param workers            supervisor worker threads
 * @param queueCapacity      supervisor tasks waiting for a worker before requests are refused
 * @param runcPath           the runc binary
 * @param conmonPath         the conmon binary
 * @param defaultStopTimeout wait between the stop signal and SIGKILL
 * @param nodeId             this node's name
 * @param imageServiceAddress gRPC target of the image-service
 * @param initPath           the init for {@code --init}: a static tini (Debian's tini-static), bind-mounted
 *                           into containers whose rootfs may have no libc
 */
@ConfigurationProperties("berth.node")
public record NodeProperties(
        @DefaultValue("/var/lib/berth/node") Path root,
        @DefaultValue("/run/berth/node") Path runRoot,
        @DefaultValue("10") int workers,
        @DefaultValue("1000") int queueCapacity,
        @DefaultValue("/usr/sbin/runc") String runcPath,
        @DefaultValue("/usr/bin/conmon") String conmonPath,
        @DefaultValue("10s") Duration defaultStopTimeout,
        @DefaultValue("local") String nodeId,
        @DefaultValue("127.0.0.1:9101") String imageServiceAddress,
        @DefaultValue("/usr/bin/tini-static") Path initPath) {

    public Path snapshotsDir() {
        return root.resolve("snapshots");
    }

    public Path containersDir() {
        return root.resolve("containers");
    }

    public Path exitDir() {
        return runRoot.resolve("exits");
    }
}

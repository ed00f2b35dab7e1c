package dev.berth.node.network;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Networking on this node ({@code berth.node.network.*}).
 *
 * @param cniPath       where the CNI plugins are (Debian's containernetworking-plugins)
 * @param bridgeName    the host's bridge interface of the default network
 * @param pools         subnets the default network may take, in order: the first that clashes with
 *                      none of the host's routes is chosen once and kept
 * @param pluginTimeout how long one CNI plugin call may take
 */
@ConfigurationProperties("berth.node.network")
public record NetworkProperties(
        @DefaultValue("/usr/lib/cni") String cniPath,
        @DefaultValue("berth0") String bridgeName,
        @DefaultValue({"172.31.0.0/16", "172.30.0.0/16", "172.29.0.0/16", "10.231.0.0/16"}) List<String> pools,
        @DefaultValue("30s") Duration pluginTimeout) {
}

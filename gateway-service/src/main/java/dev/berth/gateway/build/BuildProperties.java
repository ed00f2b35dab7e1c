package dev.berth.gateway.build;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The classic builder's limits and place.
 *
 * @param workDir         where build contexts are unpacked, one directory per build, deleted after it
 * @param maxContextBytes a context whose files add up to more is refused
 * @param gatewayId       names this gateway on its builds' step containers (default: the host's name), so that
 *                        it removes those a killed predecessor left, and no other gateway's
 */
@ConfigurationProperties("berth.gateway.build")
public record BuildProperties(
        @DefaultValue("/var/lib/berth/gateway/build") String workDir,
        @DefaultValue("2147483648") long maxContextBytes,
        String gatewayId) {

    public BuildProperties {
        if (gatewayId == null || gatewayId.isBlank()) {
            gatewayId = hostName();
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "gateway";
        }
    }
}

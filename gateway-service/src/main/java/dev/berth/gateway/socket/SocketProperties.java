package dev.berth.gateway.socket;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Engine API on a unix socket too ({@code berth.gateway.socket.*}), where most Docker clients
 * look first.
 *
 * @param enabled whether the gateway listens there
 * @param path    the socket's file
 * @param group   the group that owns it (mode 0660), as Docker's socket belongs to "docker";
 *                root's group when no such group exists
 */
@ConfigurationProperties("berth.gateway.socket")
public record SocketProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("/run/berth/berth.sock") Path path,
        @DefaultValue("docker") String group) {
}

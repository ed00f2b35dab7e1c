package dev.berth.gateway.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * A second Tomcat connector on a unix-domain socket (Tomcat's NIO endpoint takes a path on Java
 * 16+), serving the same API, hijacked streams included. A socket file left by a gateway that was
 * killed is removed first: bin/berth runs one gateway per run root. Once bound it is made
 * mode 0660 and given to the configured group, as Docker's socket is.
 */
@Component
class UnixSocketConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketConnector.class);

    private final SocketProperties properties;

    UnixSocketConnector(SocketProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.enabled()) {
            return;
        }
        Path path = properties.path();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the API socket " + path, e);
        }
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setProperty("unixDomainSocketPath", path.toString());
        connector.setProperty("unixDomainSocketPathPermissions", "rw-rw----");
        factory.addAdditionalConnectors(connector);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        Path path = properties.path();
        if (!properties.enabled() || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            GroupPrincipal group = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(properties.group());
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
        } catch (UserPrincipalNotFoundException e) {
            log.debug("no group {}: {} stays root's", properties.group(), path);
        } catch (IOException e) {
            log.warn("cannot give {} to group {}: {}", path, properties.group(), e.getMessage());
        }
        log.info("Docker Engine API on unix://{}", path);
    }
}

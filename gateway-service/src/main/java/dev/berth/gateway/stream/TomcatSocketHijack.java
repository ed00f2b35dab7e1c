package dev.berth.gateway.stream;

import jakarta.servlet.http.WebConnection;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

import java.io.EOFException;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The one Tomcat-specific class: takes over an upgraded connection as a {@link RawSocket}.
 * Tomcat's poller stays out of the way (SUSPENDED); our own threads do blocking I/O on the
 * socket wrapper. The portable WebConnection streams spin the poller once the client half-closes.
 * Tomcat makes the instance (public no-arg constructor); {@link #onOpen} must be set before the
 * 101 goes out, and the socket is only usable from init() on.
 */
public class TomcatSocketHijack implements InternalHttpUpgradeHandler {

    private volatile SocketWrapperBase<?> socket;
    private volatile Consumer<RawSocket> onOpen;

    public TomcatSocketHijack() {
    }

    void onOpen(Consumer<RawSocket> onOpen) {
        this.onOpen = onOpen;
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> socketWrapper) {
        this.socket = socketWrapper;
    }

    @Override
    public void init(WebConnection connection) {
        SocketWrapperBase<?> wrapper = socket;
        onOpen.accept(new RawSocket() {
            @Override
            public int read(byte[] buffer) throws IOException {
                try {
                    return wrapper.read(true, buffer, 0, buffer.length);
                } catch (EOFException e) {
                    return -1;
                }
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                wrapper.write(true, bytes, 0, bytes.length);
                wrapper.flush(true);
            }

            @Override
            public void close() {
                wrapper.close();
            }
        });
    }

    @Override
    public SocketState upgradeDispatch(SocketEvent status) {
        return switch (status) {
            case OPEN_READ, OPEN_WRITE -> SocketState.SUSPENDED;
            default -> SocketState.CLOSED;
        };
    }

    @Override
    public void timeoutAsync(long now) {
        // Attached streams have no timeout.
    }

    @Override
    public void setSslSupport(SSLSupport sslSupport) {
        // Plain TCP only.
    }

    @Override
    public void pause() {
        // Nothing to pause: our threads own the socket.
    }

    @Override
    public void destroy() {
        // Tomcat does not call this after close(); the attach session cleans up itself.
    }
}

package dev.berth.node.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxies against servers on 127.0.0.1 standing in for a container. */
class PortProxiesTest {

    private final PortProxies proxies = new PortProxies();

    @AfterEach
    void shutdown() {
        proxies.shutdown();
    }

    private static PortBinding tcp(int containerPort, String hostPort) {
        return PortBinding.newBuilder().setContainerPort(containerPort + "/tcp").setHostIp("127.0.0.1")
                .setHostPort(hostPort).build();
    }

    @Test
    void tcp_copiesBothWaysWithHalfClose() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = backend.accept()) {
                    byte[] request = s.getInputStream().readAllBytes(); // to the client's half-close
                    s.getOutputStream().write(("got " + request.length + " bytes").getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the assertion below fails instead
                }
            });
            server.start();
            List<PublishedPort> ports = proxies.open("c1", List.of(tcp(backend.getLocalPort(), "")), "127.0.0.1");
            int hostPort = ports.get(0).getHostPort();
            assertThat(hostPort).isPositive().isNotEqualTo(backend.getLocalPort());

            try (Socket client = new Socket("127.0.0.1", hostPort)) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write(new byte[300_000]);
                client.shutdownOutput();
                assertThat(readAll(client.getInputStream())).isEqualTo("got 300000 bytes");
            }
            server.join(10_000);
        }
    }

    @Test
    void aHostPortTaken_isDockersErrorAndNothingOfTheStartStays() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                free = probe.getLocalPort();
            }
            assertThatThrownBy(() -> proxies.open("c1", List.of(tcp(80, Integer.toString(free)),
                    tcp(81, Integer.toString(taken.getLocalPort()))), "127.0.0.1"))
                    .hasMessageContaining("Bind for 127.0.0.1:" + taken.getLocalPort() + " failed: port is already allocated");

            assertThat(proxies.isOpen("c1")).isFalse();
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress("127.0.0.1", free)); // the first binding was let go
            }
        }
    }

    @Test
    void close_freesTheHostPortAtOnce() throws Exception {
        int hostPort = proxies.open("c1", List.of(tcp(9, "")), "127.0.0.1").get(0).getHostPort();

        proxies.close("c1");

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", hostPort));
        }
    }

    @Test
    void udp_answersGoBackToTheirClient() throws Exception {
        try (DatagramSocket backend = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try {
                    DatagramPacket packet = new DatagramPacket(new byte[100], 100);
                    backend.receive(packet);
                    backend.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                } catch (IOException ignored) {
                    // the assertion below fails instead
                }
            });
            echo.start();
            PortBinding udp = PortBinding.newBuilder().setContainerPort(backend.getLocalPort() + "/udp")
                    .setHostIp("127.0.0.1").build();
            int hostPort = proxies.open("c1", List.of(udp), "127.0.0.1").get(0).getHostPort();

            try (DatagramSocket client = new DatagramSocket()) {
                client.setSoTimeout(10_000);
                byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), hostPort));
                DatagramPacket answer = new DatagramPacket(new byte[100], 100);
                client.receive(answer);
                assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8)).isEqualTo("ping");
            }
            echo.join(10_000);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

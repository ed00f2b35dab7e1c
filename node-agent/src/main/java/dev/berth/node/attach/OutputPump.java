package dev.berth.node.attach;

import java.util.Arrays;

/** A dedicated thread that reads conmon's attach socket until conmon closes it, publishing to the hub. */
public final class OutputPump {

    private static final byte STDOUT = 2;
    private static final byte STDERR = 3;

    private OutputPump() {
    }

    public static void start(String containerId, AttachSocket socket, OutputHub hub) {
        hub.connected(socket);
        Thread thread = new Thread(() -> pump(socket, hub), "attach-" + containerId.substring(0, Math.min(12, containerId.length())));
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(AttachSocket socket, OutputHub hub) {
        byte[] buffer = new byte[AttachSocket.MAX_PACKET + 1024];
        try {
            int n;
            while ((n = socket.read(buffer)) > 0) {
                if (n < 2) {
                    continue;
                }
                OutputKind kind = switch (buffer[0]) {
                    case STDOUT -> OutputKind.STDOUT;
                    case STDERR -> OutputKind.STDERR;
                    default -> null;
                };
                if (kind != null) {
                    hub.publish(kind, Arrays.copyOfRange(buffer, 1, n));
                }
            }
        } finally {
            socket.close();
            hub.runEnded();
        }
    }
}

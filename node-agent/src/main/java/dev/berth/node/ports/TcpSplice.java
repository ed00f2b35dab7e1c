package dev.berth.node.ports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One proxied TCP connection: the client's socket and the one to the container, bytes copied each
 * way through a buffer of its own. A side that reads nothing more has its end shut on the other
 * side once its buffer is written (half-close, as HTTP/1.0 clients use); the pair is closed when
 * both ways are done or either fails. A side is not read while its buffer waits to be written, so
 * a slow reader slows its writer and nothing grows without bound.
 */
final class TcpSplice {

    private static final int BUFFER = 64 * 1024;

    private final ProxyLoop loop;
    private final SocketChannel client;
    private final SocketChannel backend;
    private final Direction up;   // client -> container
    private final Direction down; // container -> client
    private SelectionKey clientKey;
    private SelectionKey backendKey;
    private Runnable onClose = () -> { };

    TcpSplice(ProxyLoop loop, SocketChannel client, SocketChannel backend) {
        this.loop = loop;
        this.client = client;
        this.backend = backend;
        this.up = new Direction(client, backend);
        this.down = new Direction(backend, client);
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Called on the loop: starts the connect to the container. */
    void start() throws IOException {
        backendKey = loop.register(backend, SelectionKey.OP_CONNECT, new Side(false));
        if (backend.isConnectionPending() && backend.finishConnect()) {
            connected();
        }
    }

    private void connected() throws IOException {
        clientKey = loop.register(client, 0, new Side(true));
        updateInterest();
    }

    private void updateInterest() {
        if (clientKey == null || !clientKey.isValid() || !backendKey.isValid()) {
            return;
        }
        clientKey.interestOps((up.reading() ? SelectionKey.OP_READ : 0) | (down.writing() ? SelectionKey.OP_WRITE : 0));
        backendKey.interestOps((down.reading() ? SelectionKey.OP_READ : 0) | (up.writing() ? SelectionKey.OP_WRITE : 0));
    }

    void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            backend.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        onClose.run();
    }

    private final class Side implements ProxyLoop.Handler {
        private final boolean isClient;

        Side(boolean isClient) {
            this.isClient = isClient;
        }

        @Override
        public void ready(SelectionKey key) throws IOException {
            if (key.isConnectable()) {
                if (backend.finishConnect()) {
                    connected();
                }
                return;
            }
            Direction reads = isClient ? up : down;
            Direction writes = isClient ? down : up;
            if (key.isValid() && key.isWritable()) {
                writes.write();
            }
            if (key.isValid() && key.isReadable()) {
                reads.read();
            }
            if (up.done() && down.done()) {
                close();
                return;
            }
            updateInterest();
        }

        @Override
        public void failed(SelectionKey key) {
            close();
        }
    }

    /** Bytes from one socket to the other. */
    private static final class Direction {
        private final SocketChannel from;
        private final SocketChannel to;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private boolean eof;
        private boolean shut;

        Direction(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }

        boolean reading() {
            return !eof && buffer.position() == 0;
        }

        boolean writing() {
            return buffer.position() > 0;
        }

        boolean done() {
            return shut;
        }

        void read() throws IOException {
            if (from.read(buffer) < 0) {
                eof = true;
            }
            write();
        }

        void write() throws IOException {
            buffer.flip();
            to.write(buffer);
            buffer.compact();
            if (eof && buffer.position() == 0 && !shut) {
                to.shutdownOutput();
                shut = true;
            }
        }
    }
}

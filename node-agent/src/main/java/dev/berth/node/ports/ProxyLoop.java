package dev.berth.node.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread and one selector for every published port's sockets. Channels are registered and
 * closed on this thread only: other threads hand the work over with {@link #execute}.
 */
final class ProxyLoop implements AutoCloseable {

    /** What a ready key's attachment does with it. */
    interface Handler {
        void ready(SelectionKey key) throws IOException;

        /** The key failed: release what it holds. */
        void failed(SelectionKey key);
    }

    private static final Logger log = LoggerFactory.getLogger(ProxyLoop.class);

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    ProxyLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "port-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * A closed channel's socket is let go only when its selector next selects: after closing
     * channels on the loop, this makes their ports free at once.
     */
    void releaseClosed() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            log.debug("selectNow: {}", e.toString());
        }
    }

    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        while (open) {
            try {
                selector.select(1000);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                log.warn("port proxy loop: {}", e.toString());
            }
        }
    }

    private static void dispatch(SelectionKey key) {
        Handler handler = (Handler) key.attachment();
        try {
            if (key.isValid()) {
                handler.ready(key);
            }
        } catch (IOException | RuntimeException e) {
            handler.failed(key);
        }
    }

    /** Runs {@code action} on the loop's thread for every key there, e.g. to close them all. */
    void forEachKey(Consumer<SelectionKey> action) {
        selector.keys().forEach(action);
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
    }
}

package dev.berth.node.attach;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's output fan-out and stdin: the pump publishes conmon's packets to every registered
 * sink; sinks registered before a start receive the run's output from the first byte. Stdin sent
 * before the socket is connected is kept and written once it is.
 */
public final class OutputHub {

    private static final Logger log = LoggerFactory.getLogger(OutputHub.class);

    private final List<AttachSink> sinks = new CopyOnWriteArrayList<>();
    private final Object stdinLock = new Object();
    private final List<byte[]> pendingStdin = new ArrayList<>();
    private boolean pendingClose;
    /** A flush of pending stdin is under way: later stdin queues behind it, in order. */
    private boolean flushing;
    private volatile AttachSocket socket;
    private boolean runExpected;
    private long outputCount;

    /**
     * Registers a sink for the current run, or the next one if none is under way (as Docker holds an
     * attach to a stopped container until it starts). False (the sink is not kept) when the container
     * still counts as running but its output has already ended.
     */
    public synchronized boolean register(AttachSink sink, boolean running) {
        if (!runExpected && running) {
            return false;
        }
        sinks.add(sink);
        return true;
    }

    public void unregister(AttachSink sink) {
        sinks.remove(sink);
    }

    public synchronized void expectRun() {
        runExpected = true;
    }

    /** A start failed: registered sinks keep waiting for the next one. */
    public synchronized void runFailed() {
        runExpected = false;
        synchronized (stdinLock) {
            socket = null;
        }
    }

    /**
     * The run's socket is connected. Stdin received before is written on its own thread: the
     * container does not run yet, and a large backlog must not block the start.
     */
    void connected(AttachSocket attached) {
        synchronized (stdinLock) {
            socket = attached;
            if (pendingStdin.isEmpty() && !pendingClose) {
                return;
            }
            flushing = true;
        }
        Thread flush = new Thread(() -> flushPending(attached), "stdin-flush");
        flush.setDaemon(true);
        flush.start();
    }

    private void flushPending(AttachSocket attached) {
        synchronized (stdinLock) {
            try {
                for (byte[] data : pendingStdin) {
                    attached.write(data);
                }
            } catch (IOException e) {
                log.debug("stdin write failed: {}", e.getMessage());
            }
            pendingStdin.clear();
            if (pendingClose) {
                attached.closeWrite();
                pendingClose = false;
            }
            flushing = false;
        }
    }

    void publish(OutputKind kind, byte[] data) {
        for (AttachSink sink : sinks) {
            try {
                sink.output(kind, data);
            } catch (RuntimeException e) {
                sinks.remove(sink);
            }
        }
        signalOutput();
    }

    /** The container is going away: every attachment ends now. */
    public void close() {
        disconnect();
        runEnded();
    }

    void runEnded() {
        List<AttachSink> ended;
        synchronized (this) {
            runExpected = false;
            ended = new ArrayList<>(sinks);
            sinks.clear();
            outputCount++;
            notifyAll();
        }
        synchronized (stdinLock) {
            socket = null;
            pendingStdin.clear();
            pendingClose = false;
            flushing = false;
        }
        for (AttachSink sink : ended) {
            try {
                sink.end();
            } catch (RuntimeException e) {
                log.debug("sink end failed: {}", e.getMessage());
            }
        }
    }

    public void writeStdin(byte[] data) throws IOException {
        synchronized (stdinLock) {
            AttachSocket current = socket;
            if (current == null || flushing) {
                pendingStdin.add(data);
            } else {
                current.write(data);
            }
        }
    }

    public void closeStdin() {
        synchronized (stdinLock) {
            AttachSocket current = socket;
            if (current == null || flushing) {
                pendingClose = true;
            } else {
                current.closeWrite();
            }
        }
    }

    /** Stops the current run's pump (used by remove). */
    public void disconnect() {
        AttachSocket current = socket;
        if (current != null) {
            current.shutdown();
        }
    }

    /** Waits until more output arrived or the run ended, at most {@code millis}. */
    public synchronized void awaitOutput(long seenCount, long millis) throws InterruptedException {
        if (outputCount == seenCount) {
            wait(millis);
        }
    }

    public synchronized long outputCount() {
        return outputCount;
    }

    private synchronized void signalOutput() {
        outputCount++;
        notifyAll();
    }
}

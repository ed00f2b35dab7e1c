package dev.berth.node.logs;

import dev.berth.node.attach.OutputHub;
import dev.berth.node.attach.OutputKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;

/**
 * Reads a container's log with Docker's filters: streams, since/until, tail, follow. Entries
 * stream from the file to the output as they are read; only a tail of N entries is held back.
 */
public final class LogReader {

    /** What the caller asked for; {@code tail} negative means all. */
    public record Query(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {
    }

    /** Takes entries, waiting for its client as it needs to; false stops the reading (the client left). */
    public interface Output {
        boolean accept(LogEntryAssembler.Entry entry) throws InterruptedException;
    }

    private LogReader() {
    }

    /**
     * Sends the matching entries; with follow, keeps sending until {@code running} turns false and the
     * file is drained, or {@code cancelled} turns true.
     */
    public static void read(Path file, Query query, OutputHub hub, BooleanSupplier running,
                            BooleanSupplier cancelled, Output out) throws IOException, InterruptedException {
        Filtered filtered = new Filtered(query, out);
        // One assembler for history and follow, so a partial line spanning both is joined.
        LogEntryAssembler assembler = new LogEntryAssembler(filtered::accept);
        LogFileTail.LineSink lines = line -> {
            assembler.accept(line);
            return filtered.goingOn();
        };
        try (LogFileTail reader = new LogFileTail(file)) {
            boolean live = query.follow() && running.getAsBoolean();
            if (!reader.readAvailable(lines)) {
                return;
            }
            if (!live) {
                assembler.finish();
            }
            filtered.historyRead();
            if (!live || !filtered.goingOn()) {
                return;
            }
            while (!cancelled.getAsBoolean()) {
                long seen = hub.outputCount();
                boolean stillRunning = running.getAsBoolean();
                if (!reader.readAvailable(lines)) {
                    return;
                }
                if (!stillRunning) {
                    assembler.finish();
                    filtered.goingOn();
                    return;
                }
                hub.awaitOutput(seen, 250);
            }
        }
    }

    /**
     * The query's filters in front of the output. With a tail, the last N entries of the history
     * are held until it is read; after that, and without a tail, entries go straight through.
     */
    private static final class Filtered {

        private final Query query;
        private final Output out;
        private Deque<LogEntryAssembler.Entry> tail;
        private boolean stopped;
        private InterruptedException interrupted;

        Filtered(Query query, Output out) {
            this.query = query;
            this.out = out;
            this.tail = query.tail() >= 0 ? new ArrayDeque<>() : null;
        }

        void accept(LogEntryAssembler.Entry entry) {
            if (stopped || !wanted(entry)) {
                return;
            }
            if (tail == null) {
                send(entry);
                return;
            }
            tail.addLast(entry);
            if (tail.size() > query.tail()) {
                tail.removeFirst();
            }
        }

        /** The history is read: the held tail goes out. */
        void historyRead() {
            Deque<LogEntryAssembler.Entry> held = tail;
            tail = null;
            if (held != null) {
                held.forEach(this::send);
            }
        }

        /** False once the output stopped the reading; an interrupt while it waited is thrown here. */
        boolean goingOn() throws InterruptedException {
            if (interrupted != null) {
                throw interrupted;
            }
            return !stopped;
        }

        private void send(LogEntryAssembler.Entry entry) {
            if (stopped) {
                return;
            }
            try {
                stopped = !out.accept(entry);
            } catch (InterruptedException e) {
                interrupted = e;
                stopped = true;
            }
        }

        private boolean wanted(LogEntryAssembler.Entry entry) {
            return (entry.stream() == OutputKind.STDOUT ? query.stdout() : query.stderr())
                    && (query.since() == null || !entry.time().isBefore(query.since()))
                    && (query.until() == null || !entry.time().isAfter(query.until()));
        }
    }
}

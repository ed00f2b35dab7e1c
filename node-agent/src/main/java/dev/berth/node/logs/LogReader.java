package dev.berth.node.logs;

import dev.berth.node.attach.OutputHub;
import dev.berth.node.attach.OutputKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Reads a container's log with Docker's filters: streams, since/until, tail, follow. */
public final class LogReader {

    /** What the caller asked for. */
    public record Query(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {
    }

    private LogReader() {
    }

    /**
     * Sends the matching entries; with follow, keeps sending until {@code running} turns false and the
     * file is drained, or {@code cancelled} turns true.
     */
    public static void read(java.nio.file.Path file, Query query, OutputHub hub, BooleanSupplier running,
                            BooleanSupplier cancelled, Consumer<LogEntryAssembler.Entry> out)
            throws IOException, InterruptedException {
        Predicate<LogEntryAssembler.Entry> wanted = entry ->
                (entry.stream() == OutputKind.STDOUT ? query.stdout() : query.stderr())
                        && (query.since() == null || !entry.time().isBefore(query.since()))
                        && (query.until() == null || !entry.time().isAfter(query.until()));
        Deque<LogEntryAssembler.Entry> tail = new ArrayDeque<>();
        boolean limited = query.tail() >= 0;
        boolean[] following = {false};
        // One assembler for history and follow, so a partial line spanning both is joined.
        LogEntryAssembler assembler = new LogEntryAssembler(entry -> {
            if (!wanted.test(entry)) {
                return;
            }
            if (following[0]) {
                out.accept(entry);
                return;
            }
            tail.addLast(entry);
            if (limited && tail.size() > query.tail()) {
                tail.removeFirst();
            }
        });
        try (LogFileTail reader = new LogFileTail(file)) {
            boolean live = query.follow() && running.getAsBoolean();
            reader.readAvailable().forEach(assembler::accept);
            if (!live) {
                assembler.finish();
            }
            tail.forEach(out);
            following[0] = true;
            if (!live) {
                return;
            }
            while (!cancelled.getAsBoolean()) {
                long seen = hub.outputCount();
                boolean stillRunning = running.getAsBoolean();
                reader.readAvailable().forEach(assembler::accept);
                if (!stillRunning) {
                    assembler.finish();
                    return;
                }
                hub.awaitOutput(seen, 250);
            }
        }
    }
}

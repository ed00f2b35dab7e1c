package dev.berth.node.logs;

import dev.berth.node.attach.OutputKind;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins partial (P) lines with the following line of the same stream into whole entries; an F line
 * ends an entry with "\n". What is pending at the end of the output is flushed without one.
 */
public final class LogEntryAssembler {

    /** One line of output with its "\n", or the end of the output without one. */
    public record Entry(Instant time, OutputKind stream, byte[] data) {
    }

    private final Consumer<Entry> sink;
    private final ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private final Instant[] pendingTime = new Instant[2];

    public LogEntryAssembler(Consumer<Entry> sink) {
        this.sink = sink;
    }

    public void accept(LogLine line) {
        int index = line.stream().ordinal();
        ByteArrayOutputStream buffer = pending[index];
        if (buffer.size() == 0 && pendingTime[index] == null) {
            pendingTime[index] = line.time();
        }
        buffer.writeBytes(line.text());
        if (!line.partial()) {
            buffer.write('\n');
            emit(index);
        }
    }

    /** The output ended: partial lines become entries without a newline. */
    public void finish() {
        for (int i = 0; i < pending.length; i++) {
            if (pending[i].size() > 0) {
                emit(i);
            }
        }
    }

    private void emit(int index) {
        Entry entry = new Entry(pendingTime[index], OutputKind.values()[index], pending[index].toByteArray());
        pending[index].reset();
        pendingTime[index] = null;
        sink.accept(entry);
    }

    /** Convenience for tests and whole-file reads. */
    public static List<Entry> assemble(List<LogLine> lines) {
        List<Entry> entries = new ArrayList<>();
        LogEntryAssembler assembler = new LogEntryAssembler(entries::add);
        lines.forEach(assembler::accept);
        assembler.finish();
        return entries;
    }
}

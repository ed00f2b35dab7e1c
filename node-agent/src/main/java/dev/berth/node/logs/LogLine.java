package dev.berth.node.logs;

import dev.berth.node.attach.OutputKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/** One line of conmon's k8s-file log: {@code <RFC3339Nano> stdout|stderr F|P <text>}. */
public record LogLine(Instant time, OutputKind stream, boolean partial, byte[] text) {

    /** Parses a line without its newline; empty for a malformed one. */
    public static Optional<LogLine> parse(byte[] line) {
        int first = indexOf(line, 0);
        int second = first < 0 ? -1 : indexOf(line, first + 1);
        int third = second < 0 ? -1 : indexOf(line, second + 1);
        if (third < 0) {
            // "TS stdout F" with no text and no trailing space
            if (second > 0 && line.length > second + 1) {
                third = line.length;
            } else {
                return Optional.empty();
            }
        }
        try {
            Instant time = OffsetDateTime.parse(ascii(line, 0, first)).toInstant();
            String streamName = ascii(line, first + 1, second);
            OutputKind stream = switch (streamName) {
                case "stdout" -> OutputKind.STDOUT;
                case "stderr" -> OutputKind.STDERR;
                default -> null;
            };
            if (stream == null) {
                return Optional.empty();
            }
            String tag = ascii(line, second + 1, third);
            boolean partial = tag.equals("P");
            byte[] text = third >= line.length ? new byte[0] : Arrays.copyOfRange(line, third + 1, line.length);
            return Optional.of(new LogLine(time, stream, partial, text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] line, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }
}

package dev.berth.gateway.stream;

import dev.berth.proto.v1.OutputStream;

/**
 * Docker's multiplexed stream for containers without a TTY: each chunk is preceded by an 8-byte
 * header (stream type 1 stdout / 2 stderr, three zero bytes, big-endian uint32 payload length).
 * A TTY's output goes raw.
 */
public final class StreamFrames {

    public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    public static final String RAW = "application/vnd.docker.raw-stream";

    private StreamFrames() {
    }

    public static String contentType(boolean tty) {
        return tty ? RAW : MULTIPLEXED;
    }

    /** The bytes to send for one chunk of output. */
    public static byte[] encode(boolean tty, OutputStream stream, byte[] payload) {
        if (tty) {
            return payload;
        }
        int length = payload.length;
        byte[] frame = new byte[8 + length];
        frame[0] = (byte) (stream == OutputStream.OUTPUT_STREAM_STDERR ? 2 : 1);
        frame[4] = (byte) (length >>> 24);
        frame[5] = (byte) (length >>> 16);
        frame[6] = (byte) (length >>> 8);
        frame[7] = (byte) length;
        System.arraycopy(payload, 0, frame, 8, length);
        return frame;
    }
}

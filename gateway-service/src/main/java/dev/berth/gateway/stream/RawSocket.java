package dev.berth.gateway.stream;

import java.io.IOException;

/** A hijacked client connection: blocking reads and writes, no HTTP any more. */
interface RawSocket {

    /** Reads at least one byte; -1 at the client's end of stream (a half-close included). */
    int read(byte[] buffer) throws IOException;

    void write(byte[] bytes) throws IOException;

    void close();
}

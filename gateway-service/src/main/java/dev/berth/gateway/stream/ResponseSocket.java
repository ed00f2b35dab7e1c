package dev.berth.gateway.stream;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** The body of a plain (not upgraded) attach or exec start, flushed after every chunk; nothing to read. */
record ResponseSocket(OutputStream out, HttpServletResponse response) implements RawSocket {

    @Override
    public int read(byte[] buffer) {
        return -1;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        response.flushBuffer();
    }

    @Override
    public void close() {
        // The servlet container completes the response when the body returns.
    }
}

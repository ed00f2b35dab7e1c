package dev.berth.gateway.commit;

import dev.berth.proto.v1.ArchiveChunk;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/** A node's archive stream (data chunks) read as bytes; a node failure midway is an I/O error. */
public final class ChunkInputStream extends InputStream {

    private final Iterator<ArchiveChunk> chunks;
    private byte[] current = new byte[0];
    private int position;

    public ChunkInputStream(Iterator<ArchiveChunk> chunks) {
        this.chunks = chunks;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            try {
                if (!chunks.hasNext()) {
                    return -1;
                }
                current = chunks.next().getData().toByteArray();
            } catch (StatusRuntimeException e) {
                throw new IOException("the node's archive ended early: " + e.getStatus(), e);
            }
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }
}

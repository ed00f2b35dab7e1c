package dev.berth.node.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Sits under TarArchiveInputStream and follows the same 512-byte records it consumes, keeping the
 * raw bytes of each PAX header so extended attribute values arrive unmangled. Every entry
 * commons-compress returns is checked against this view ({@link #entryFor}); a tar is untrusted,
 * so any disagreement fails the layer instead of putting attributes on the wrong file.
 */
final class TarRecordTap extends FilterInputStream {

    /** One entry's header as seen here, with the attributes of the PAX header before it. */
    record Entry(byte type, long size, long dataOffset, Map<String, byte[]> xattrs) {
    }

    private static final int RECORD = 512;
    private static final int TYPE_OFFSET = 156;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    /** Old GNU sparse headers: "more sparse records follow" flags. */
    private static final int GNU_SPARSE_EXTENDED_OFFSET = 482;
    private static final int SPARSE_RECORD_EXTENDED_OFFSET = 504;
    /** Far above the kernel's 64 KiB per xattr value; bounds what a hostile header makes us buffer. */
    static final int MAX_PAX_HEADER = 1 << 20;

    private final byte[] header = new byte[RECORD];
    private final byte[] oneByte = new byte[1];
    private int headerFill;
    private long offset;
    private long dataLeft;
    private boolean ended;
    private boolean sparseRecordsFollow;
    /** The bytes of a PAX header's data while it streams by; null outside one. */
    private ByteArrayOutputStream paxData;
    private long paxLength;
    private PaxHeader pendingPax;
    private Entry pendingEntry;
    private Entry current;

    TarRecordTap(InputStream in) {
        super(in);
    }

    /** This tap's view of the entry commons-compress has just returned, refused unless both agree. */
    Entry entryFor(TarArchiveEntry entry) throws IOException {
        Entry seen = current;
        current = null;
        if (seen == null || offset != seen.dataOffset() || seen.type() != entry.getLinkFlag() || seen.size() != entry.getSize()) {
            throw new IOException("layer tar is malformed: the headers around entry " + entry.getName()
                    + " do not read consistently (at byte " + offset + ")");
        }
        return seen;
    }

    @Override
    public int read() throws IOException {
        int n = read(oneByte, 0, 1);
        return n < 0 ? -1 : oneByte[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        int n = in.read(buffer, from, length);
        if (n > 0) {
            follow(buffer, from, n);
        }
        return n;
    }

    /** Reads instead of skipping: the skipped bytes are part of the structure being followed. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    /** No mark/reset: a rewind would replay bytes this tap has already counted. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int limit) {
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void follow(byte[] bytes, int from, int length) throws IOException {
        int pos = from;
        int end = from + length;
        while (pos < end && !ended) {
            if (dataLeft > 0) {
                int n = (int) Math.min(end - pos, dataLeft);
                if (paxData != null && paxData.size() < paxLength) {
                    paxData.write(bytes, pos, (int) Math.min(n, paxLength - paxData.size()));
                }
                advance(n);
                pos += n;
                if (dataLeft == 0) {
                    endOfData();
                }
            } else {
                int n = Math.min(end - pos, RECORD - headerFill);
                System.arraycopy(bytes, pos, header, headerFill, n);
                headerFill += n;
                advance(n);
                pos += n;
                if (headerFill == RECORD) {
                    headerFill = 0;
                    headerRecord();
                }
            }
        }
        offset += end - pos; // bytes after the end-of-archive record
    }

    private void advance(int n) {
        offset += n;
        if (dataLeft > 0) {
            dataLeft -= n;
        }
    }

    private void headerRecord() throws IOException {
        if (sparseRecordsFollow) {
            sparseRecordsFollow = header[SPARSE_RECORD_EXTENDED_OFFSET] != 0;
            if (!sparseRecordsFollow) {
                startEntryData(pendingEntry);
            }
            return;
        }
        if (isZero(header)) {
            ended = true; // commons-compress stops at the first zero record too
            return;
        }
        byte type = header[TYPE_OFFSET];
        long size = size(header);
        switch (type) {
            case 'x', 'X' -> {
                if (pendingPax != null) {
                    throw new IOException("layer tar is malformed: two PAX headers for one entry");
                }
                if (size > MAX_PAX_HEADER) {
                    throw new IOException("layer tar has a PAX header of " + size + " bytes (over " + MAX_PAX_HEADER + ")");
                }
                paxData = new ByteArrayOutputStream((int) size);
                paxLength = size;
                startData(size);
            }
            case 'g', 'L', 'K' -> startData(size); // global headers' xattrs are ignored; long names need nothing here
            default -> {
                PaxHeader pax = pendingPax == null ? PaxHeader.NONE : pendingPax;
                pendingPax = null;
                long dataSize = pax.size().orElse(size);
                pendingEntry = new Entry(type, dataSize, -1, pax.xattrs());
                sparseRecordsFollow = type == 'S' && header[GNU_SPARSE_EXTENDED_OFFSET] != 0;
                if (!sparseRecordsFollow) {
                    startEntryData(pendingEntry);
                }
            }
        }
    }

    private void startEntryData(Entry entry) throws IOException {
        current = new Entry(entry.type(), entry.size(), offset, entry.xattrs());
        pendingEntry = null;
        startData(entry.size());
    }

    private void startData(long size) throws IOException {
        dataLeft = (size + RECORD - 1) / RECORD * RECORD;
        if (dataLeft == 0) {
            endOfData();
        }
    }

    private void endOfData() throws IOException {
        if (paxData != null) {
            byte[] data = paxData.toByteArray();
            paxData = null;
            pendingPax = PaxHeader.parse(data);
        }
    }

    /** The size field: octal digits, or GNU base-256 when the high bit of its first byte is set. */
    static long size(byte[] header) throws IOException {
        int first = header[SIZE_OFFSET] & 0xff;
        if ((first & 0x80) != 0) {
            if (first != 0x80) {
                throw new IOException("layer tar has an entry with a negative size");
            }
            long value = 0;
            for (int i = SIZE_OFFSET + 1; i < SIZE_OFFSET + SIZE_LENGTH; i++) {
                if (value >>> 55 != 0) {
                    throw new IOException("layer tar has an entry size too large");
                }
                value = value << 8 | (header[i] & 0xff);
            }
            if (value < 0) {
                throw new IOException("layer tar has an entry size too large");
            }
            return value;
        }
        int i = SIZE_OFFSET;
        int end = SIZE_OFFSET + SIZE_LENGTH;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = value << 3 | (header[i] - '0');
        }
        for (; i < end; i++) {
            if (header[i] != ' ' && header[i] != 0) {
                throw new IOException("layer tar has an entry with a malformed size field");
            }
        }
        return value;
    }

    private static boolean isZero(byte[] record) {
        for (byte b : record) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

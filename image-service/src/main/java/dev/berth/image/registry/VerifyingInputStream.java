package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import dev.berth.common.digest.Digest;

/**
 * Passes a blob through while checking it against its descriptor: the check runs as soon as the
 * promised size has been read (callers that read exactly {@code size} bytes are covered too), and
 * reading more than promised, or less, fails. Failures are unchecked {@link RegistryException}s so
 * they keep their type through {@code transferTo} and the like.
 */
final class VerifyingInputStream extends InputStream {

    private final InputStream in;
    private final Digest expected;
    private final long size;
    private final String source;
    private final MessageDigest digester = Digest.newDigester();
    private long count;
    private boolean verified;

    /** @param source the call reading the blob, for messages, e.g. {@code Get "http://host/v2/x/blobs/..."} */
    VerifyingInputStream(InputStream in, Digest expected, long size, String source) {
        this.in = in;
        this.expected = expected;
        this.size = size;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!verified && count == size) {
            verify();
        }
        if (verified) {
            // anything after the promised size is a size mismatch, not content
            int extra = underlying(buffer, offset, 1);
            if (extra > 0) {
                throw sizeMismatch(size + 1);
            }
            return -1;
        }
        int n = underlying(buffer, offset, (int) Math.min(length, size - count));
        if (n < 0) {
            throw sizeMismatch(count);
        }
        digester.update(buffer, offset, n);
        count += n;
        if (count == size) {
            verify();
        }
        return n;
    }

    private int underlying(byte[] buffer, int offset, int length) {
        try {
            return length == 0 ? 0 : in.read(buffer, offset, length);
        } catch (IOException e) {
            throw new RegistryUnavailableException(e.getMessage(), e);
        }
    }

    private void verify() {
        verified = true;
        Digest actual = Digest.fromDigester(digester);
        if (!actual.equals(expected)) {
            throw new UnexpectedDigestException(source + ": blob digest mismatch: expected " + expected + ", got "
                    + actual, expected, actual);
        }
    }

    private UnexpectedDigestException sizeMismatch(long actualSize) {
        String got = actualSize > size ? "more than " + size : String.valueOf(actualSize);
        return new UnexpectedDigestException(source + ": blob size mismatch: expected " + size + " bytes, got " + got,
                expected, null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package dev.berth.gateway.stream;

import dev.berth.gateway.api.DockerApiException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The key sequence that detaches a client from a container's stdin without closing it (Docker's
 * {@code detachKeys}, default ctrl-p,ctrl-q), and a filter over the client's bytes that holds back
 * a sequence as it is typed: a completed sequence detaches, a broken one is passed on whole.
 */
final class DetachKeys {

    static final String DEFAULT = "ctrl-p,ctrl-q";

    private final byte[] keys;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean detached;

    private DetachKeys(byte[] keys) {
        this.keys = keys;
    }

    /** Docker's notation: comma-separated single characters or ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\, ctrl-], ctrl-^, ctrl-_. */
    static DetachKeys parse(String spec) {
        String notation = spec == null || spec.isEmpty() ? DEFAULT : spec;
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : notation.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.length() != 6 || !lower.startsWith("ctrl-")) {
                throw invalid(notation);
            }
            char c = lower.charAt(5);
            if (c >= 'a' && c <= 'z') {
                codes.write(c - 'a' + 1);
            } else if ("@[\\]^_".indexOf(c) >= 0) {
                codes.write(c == '@' ? 0 : "[\\]^_".indexOf(c) + 27);
            } else {
                throw invalid(notation);
            }
        }
        return new DetachKeys(codes.toByteArray());
    }

    private static DockerApiException invalid(String notation) {
        return DockerApiException.badRequest("Invalid detach keys (" + notation + ") provided");
    }

    /** The bytes of {@code buffer[0..n)} to pass on to stdin; after the sequence's last key, nothing more. */
    byte[] filter(byte[] buffer, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 0; i < n && !detached; i++) {
            byte b = buffer[i];
            if (b == keys[held.size()]) {
                held.write(b);
                if (held.size() == keys.length) {
                    detached = true;
                }
                continue;
            }
            if (held.size() > 0) {
                out.writeBytes(held.toByteArray());
                held.reset();
                if (b == keys[0]) {
                    held.write(b);
                    detached = keys.length == 1;
                    continue;
                }
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    boolean detached() {
        return detached;
    }

    byte[] keys() {
        return Arrays.copyOf(keys, keys.length);
    }
}

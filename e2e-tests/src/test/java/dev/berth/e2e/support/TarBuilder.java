package dev.berth.e2e.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Small ustar archives written byte by byte, names exactly as given: the hostile tars of the
 * archive tests ("../" names, absolute names, links out) that tar tools refuse to make.
 */
public final class TarBuilder {

    private static final int BLOCK = 512;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TarBuilder file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        header(name, '0', "", data.length, 0644);
        out.writeBytes(data);
        out.writeBytes(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
        return this;
    }

    public TarBuilder dir(String name) {
        header(name.endsWith("/") ? name : name + "/", '5', "", 0, 0755);
        return this;
    }

    public TarBuilder symlink(String name, String target) {
        header(name, '2', target, 0, 0777);
        return this;
    }

    public TarBuilder hardlink(String name, String target) {
        header(name, '1', target, 0, 0644);
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes(out.toByteArray());
        done.writeBytes(new byte[2 * BLOCK]);
        return done.toByteArray();
    }

    private void header(String name, char type, String link, long size, int mode) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        put(h, 100, 8, octal(mode, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(1_600_000_000L, 11));
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, octal(sum, 6) + "\0 ");
        out.writeBytes(h);
    }

    private static String octal(long value, int digits) {
        return String.format("%0" + digits + "o", value);
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IllegalArgumentException("too long for a ustar field: " + value);
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}

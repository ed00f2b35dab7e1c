package dev.berth.node.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What Berth needs from one PAX extended header ('x'), parsed from its raw bytes: the extended
 * attributes of the entry that follows (values exactly as written, which commons-compress's String
 * decoding would corrupt) and the {@code size} record, which moves where that entry's data ends.
 */
record PaxHeader(Map<String, byte[]> xattrs, OptionalLong size) {

    static final PaxHeader NONE = new PaxHeader(Map.of(), OptionalLong.empty());

    /** Go's archive/tar (Docker) and GNU tar: the raw value. */
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    /** libarchive: a %-encoded name and a base64 value. */
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";
    /**
     * Dropped, not refused: overlayfs reads these as whiteouts, opaque dirs and redirects, which a
     * layer may only express with .wh. entries; a tar of an overlay upper dir may carry them harmlessly.
     */
    private static final String OVERLAY_XATTR = "trusted.overlay.";
    /** XATTR_NAME_MAX. */
    private static final int MAX_NAME_BYTES = 255;

    /** Parses {@code "LEN key=value\n"} records; anything malformed fails the layer. */
    static PaxHeader parse(byte[] data) throws IOException {
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        OptionalLong size = OptionalLong.empty();
        int pos = 0;
        while (pos < data.length) {
            int space = indexOf(data, (byte) ' ', pos, Math.min(data.length, pos + 20));
            int length = space < 0 ? -1 : parseDecimalInt(data, pos, space);
            if (length <= space - pos + 1 || length > data.length - pos) {
                throw new IOException("malformed PAX record at byte " + pos + ": its length is missing or runs past the header");
            }
            int end = pos + length - 1; // the newline
            int equals = indexOf(data, (byte) '=', space + 1, end);
            if (data[end] != '\n' || equals <= space + 1) {
                throw new IOException("malformed PAX record at byte " + pos + ": no key=value ending in a newline");
            }
            byte[] key = Arrays.copyOfRange(data, space + 1, equals);
            byte[] value = Arrays.copyOfRange(data, equals + 1, end);
            String keyText = new String(key, StandardCharsets.ISO_8859_1); // prefixes are ASCII; names are decoded below
            if (keyText.startsWith(SCHILY_XATTR)) {
                put(xattrs, Arrays.copyOfRange(key, SCHILY_XATTR.length(), key.length), value);
            } else if (keyText.startsWith(LIBARCHIVE_XATTR)) {
                put(xattrs, percentDecode(Arrays.copyOfRange(key, LIBARCHIVE_XATTR.length(), key.length)), base64(value, keyText));
            } else if (keyText.equals("size")) {
                long parsed = parseDecimal(value, 0, value.length);
                if (parsed < 0) {
                    throw new IOException("malformed PAX size record: " + new String(value, StandardCharsets.ISO_8859_1));
                }
                size = OptionalLong.of(parsed);
            }
            pos = end + 1;
        }
        return new PaxHeader(Collections.unmodifiableMap(xattrs), size);
    }

    private static void put(Map<String, byte[]> xattrs, byte[] rawName, byte[] value) throws IOException {
        String name = xattrName(rawName);
        if (!name.startsWith(OVERLAY_XATTR)) {
            xattrs.put(name, value);
        }
    }

    /** A name the kernel takes as one C string; UTF-8, as jnr encodes Strings with the default charset (UTF-8). */
    private static String xattrName(byte[] raw) throws IOException {
        String shown = new String(raw, StandardCharsets.UTF_8).replace("\0", "\\0");
        if (raw.length == 0 || raw.length > MAX_NAME_BYTES || indexOf(raw, (byte) 0, 0, raw.length) >= 0) {
            throw new IOException("layer has an invalid extended attribute name (empty, a NUL, or over "
                    + MAX_NAME_BYTES + " bytes): \"" + shown + "\"");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("layer has an extended attribute name that is not UTF-8: \"" + shown + "\"", e);
        }
    }

    private static byte[] percentDecode(byte[] encoded) throws IOException {
        byte[] out = new byte[encoded.length];
        int length = 0;
        for (int i = 0; i < encoded.length; i++) {
            if (encoded[i] != '%') {
                out[length++] = encoded[i];
                continue;
            }
            int high = i + 2 < encoded.length ? Character.digit(encoded[i + 1], 16) : -1;
            int low = high < 0 ? -1 : Character.digit(encoded[i + 2], 16);
            if (low < 0) {
                throw new IOException("malformed %-escape in a LIBARCHIVE.xattr name");
            }
            out[length++] = (byte) (high << 4 | low);
            i += 2;
        }
        return Arrays.copyOf(out, length);
    }

    private static byte[] base64(byte[] value, String key) throws IOException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed base64 value in PAX record " + key, e);
        }
    }

    private static int parseDecimalInt(byte[] bytes, int from, int to) {
        long value = parseDecimal(bytes, from, to);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /** A non-negative decimal of 1 to 18 digits, or -1. */
    private static long parseDecimal(byte[] bytes, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

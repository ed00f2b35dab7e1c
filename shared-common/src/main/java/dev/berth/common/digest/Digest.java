package dev.berth.common.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.berth.common.error.BerthException;

/**
 * A content digest, {@code sha256:<64 lowercase hex>}. Digests arrive from callers and end up in
 * file names, so they are validated here, before anything touches the filesystem.
 */
public final class Digest {

    public static final String ALGORITHM = "sha256";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ANY_DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    private final String hex;

    private Digest(String hex) {
        this.hex = hex;
    }

    /** Parses {@code sha256:<hex>}; messages follow go-digest, which Docker uses. */
    public static Digest parse(String value) {
        if (value == null || !ANY_DIGEST.matcher(value).matches()) {
            throw BerthException.invalid("invalid checksum digest format");
        }
        int colon = value.indexOf(':');
        if (!ALGORITHM.equals(value.substring(0, colon))) {
            throw BerthException.invalid("unsupported digest algorithm");
        }
        return fromHex(value.substring(colon + 1));
    }

    /** Accepts the 64 lowercase hex characters of a sha256 digest. */
    public static Digest fromHex(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw BerthException.invalid("invalid checksum digest format");
        }
        return new Digest(hex);
    }

    public static boolean isHex(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    public static Digest of(byte[] content) {
        MessageDigest digester = newDigester();
        digester.update(content);
        return fromDigester(digester);
    }

    /** A fresh sha256 digester, for code that digests while it streams. */
    public static MessageDigest newDigester() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Completes the digester (it is reset). */
    public static Digest fromDigester(MessageDigest digester) {
        return new Digest(HexFormat.of().formatHex(digester.digest()));
    }

    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && digest.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return ALGORITHM + ":" + hex;
    }
}

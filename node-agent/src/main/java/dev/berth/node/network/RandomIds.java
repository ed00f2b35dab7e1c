package dev.berth.node.network;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Docker-style ids: 32 random bytes as 64 hex digits. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

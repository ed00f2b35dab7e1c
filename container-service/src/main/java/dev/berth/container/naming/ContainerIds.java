package dev.berth.container.naming;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Container ids: 64 lower-case hex digits (32 random bytes), as Docker's. */
public final class ContainerIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContainerIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isFullId(String ref) {
        return ref.length() == 64 && isHex(ref);
    }

    public static boolean isHex(String ref) {
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return !ref.isEmpty();
    }
}

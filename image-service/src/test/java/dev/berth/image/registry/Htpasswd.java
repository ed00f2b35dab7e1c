package dev.berth.image.registry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** htpasswd lines in the only format the registry accepts, bcrypt; made with BouncyCastle. */
final class Htpasswd {

    /** bcrypt's minimum cost: tests need no protection, and higher costs are slow. */
    private static final int COST = 4;

    private Htpasswd() {
    }

    static String entry(String username, String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return username + ":" + OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), salt, COST);
    }
}

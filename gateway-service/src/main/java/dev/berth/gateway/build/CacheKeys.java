package dev.berth.gateway.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key a step's image is found again by in the build cache, beside its parent image: a digest of
 * what the step did, the instruction as it ran (variables substituted, the build args RUN saw) and,
 * for COPY and ADD, the digest of the files' content. The parent stands for everything before.
 */
final class CacheKeys {

    private CacheKeys() {
    }

    static String of(String step) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(step.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

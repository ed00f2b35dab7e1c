package dev.berth.image.pull;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

/**
 * What the caller of a pull reports of the layers it unpacked itself (the gateway, on the nodes),
 * as each download starts: the digest and size each one decompressed to, or nothing when no node
 * measured it. The pull then need not decompress the layers; it waits for these reports before it
 * records the image. Reports may come from any thread, in any order, before or after the pull
 * asks for them.
 */
public final class CallerUnpacks {

    private final ConcurrentMap<Digest, CompletableFuture<Optional<UncompressedDigest>>> reports =
            new ConcurrentHashMap<>();
    private volatile RuntimeException ended;

    /** The caller unpacked {@code layer}; {@code diffId} and {@code size} as measured, or null diffId. */
    public void report(Digest layer, Digest diffId, long size) {
        Optional<UncompressedDigest> measured = diffId == null
                ? Optional.empty() : Optional.of(new UncompressedDigest(diffId, size));
        of(layer).complete(measured);
    }

    /** The caller will report no more (it left, or sent its last word early): waiting pulls fail. */
    public void end(RuntimeException why) {
        ended = why;
        reports.values().forEach(report -> report.completeExceptionally(why));
    }

    /** The caller's report on {@code layer}, once it comes. */
    CompletableFuture<Optional<UncompressedDigest>> of(Digest layer) {
        CompletableFuture<Optional<UncompressedDigest>> report =
                reports.computeIfAbsent(layer, digest -> new CompletableFuture<>());
        RuntimeException why = ended;
        if (why != null) {
            report.completeExceptionally(why);
        }
        return report;
    }

    /** The reason for a caller that ended without reporting every layer. */
    public static RuntimeException unreported() {
        return BerthException.unavailable("the pull's caller left before its layers were unpacked", null);
    }
}

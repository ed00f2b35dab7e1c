package dev.berth.node.snapshot;

import dev.berth.node.config.NodeProperties;
import dev.berth.common.compress.Decompression;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.node.nativ.Trees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Unpacked layers by chain id under {@code <root>/snapshots/<chain-hex>/fs}. Each layer is unpacked once:
 * into a temporary directory, verified, then renamed into place; concurrent callers wait on a lock per
 * chain id.
 */
@Component
public class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final int PARALLEL_UNPACKS = 3;

    private final Path snapshots;
    private final LayerSource source;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    /** Layers unpacked at once, as Docker's 3 parallel downloads; threads end when idle. */
    private final ThreadPoolExecutor unpackers = new ThreadPoolExecutor(PARALLEL_UNPACKS, PARALLEL_UNPACKS,
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "layer-unpack");
                thread.setDaemon(true);
                return thread;
            });

    public SnapshotStore(NodeProperties properties, LayerSource source) {
        this.snapshots = properties.snapshotsDir();
        this.source = source;
        unpackers.allowCoreThreadTimeOut(true);
    }

    /**
     * The image's layer directories, bottom first, unpacking the missing ones. Each layer
     * unpacks into a directory of its own (overlayfs stacks them), so they unpack in parallel.
     */
    public List<Path> prepare(String imageId) {
        List<LayerSource.LayerRef> layers = source.layers(imageId);
        List<String> chainIds = ChainIds.of(layers.stream().map(LayerSource.LayerRef::diffId).toList());
        List<CompletableFuture<Path>> unpacks = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String chainId = chainIds.get(i);
            LayerSource.LayerRef layer = layers.get(i);
            unpacks.add(CompletableFuture.supplyAsync(() -> ensure(chainId, layer).fs(), unpackers));
        }
        List<Path> dirs = new ArrayList<>();
        for (CompletableFuture<Path> unpack : unpacks) {
            try {
                dirs.add(unpack.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return dirs;
    }

    /**
     * Unpacks layer {@code index} of an image whose layers are {@code layers} (bottom first), as a
     * pull brings it, on the unpack threads (never on a supervisor worker, which creates and starts
     * need): a later create finds its snapshot ready, or waits for this unpack.
     */
    public CompletableFuture<Snapshot> prepareLayer(List<LayerSource.LayerRef> layers, int index) {
        if (index < 0 || index >= layers.size()) {
            return CompletableFuture.failedFuture(
                    BerthException.invalid("no layer " + index + " in an image of " + layers.size()));
        }
        List<String> chainIds = ChainIds.of(layers.stream().map(LayerSource.LayerRef::diffId).toList());
        return CompletableFuture.supplyAsync(() -> ensure(chainIds.get(index), layers.get(index)), unpackers);
    }

    /** An unpacked layer: its directory, and what its unpack measured (empty for an old snapshot). */
    public record Snapshot(Path fs, Optional<LayerMeasure> measure) {
    }

    private Snapshot ensure(String chainId, LayerSource.LayerRef layer) {
        Path snapshot = snapshots.resolve(hex(chainId));
        Path fs = snapshot.resolve("fs");
        if (Files.isDirectory(fs)) {
            return new Snapshot(fs, LayerMeasure.readFrom(snapshot));
        }
        synchronized (locks.computeIfAbsent(chainId, k -> new Object())) {
            if (Files.isDirectory(fs)) {
                return new Snapshot(fs, LayerMeasure.readFrom(snapshot));
            }
            Path temporary = null;
            try {
                Files.createDirectories(snapshots);
                temporary = Files.createTempDirectory(snapshots, "unpack-");
                Files.createDirectory(temporary.resolve("fs"));
                long started = System.nanoTime();
                LayerMeasure measure = unpack(layer, temporary.resolve("fs"));
                LOG.debug("unpacked layer {} ({} bytes) in {} ms", layer.digest(), measure.size(),
                        (System.nanoTime() - started) / 1_000_000);
                measure.writeInto(temporary);
                Files.move(temporary, snapshot, StandardCopyOption.ATOMIC_MOVE);
                return new Snapshot(fs, Optional.of(measure));
            } catch (IOException e) {
                deleteQuietly(temporary);
                throw BerthException.internal("failed to unpack layer " + layer.digest() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                deleteQuietly(temporary);
                throw e;
            }
        }
    }

    private LayerMeasure unpack(LayerSource.LayerRef layer, Path target) throws IOException {
        MessageDigest blobDigest = sha256();
        MessageDigest diffDigest = sha256();
        long size;
        try (InputStream raw = source.openBlob(layer.digest())) {
            BufferedInputStream blob = new BufferedInputStream(new DigestInputStream(raw, blobDigest), 65536);
            InputStream tar = Decompression.decompressed(blob);
            CountingInputStream diff = new CountingInputStream(new DigestInputStream(tar, diffDigest));
            new LayerExtractor(target).extract(diff);
            diff.transferTo(java.io.OutputStream.nullOutputStream());
            blob.transferTo(java.io.OutputStream.nullOutputStream());
            size = diff.count();
        }
        check(layer.digest(), blobDigest);
        Digest diffId = Digest.fromDigester(diffDigest);
        if (layer.diffId() != null && !layer.diffId().isEmpty()) {
            check(layer.diffId(), diffId);
        }
        return new LayerMeasure(diffId, size);
    }

    private static void check(String expected, MessageDigest digest) throws IOException {
        check(expected, Digest.fromDigester(digest));
    }

    private static void check(String expected, Digest actual) throws IOException {
        if (!actual.equals(Digest.parse(expected))) {
            throw new IOException("digest mismatch: expected " + expected + ", got " + actual);
        }
    }

    static String hex(String chainId) {
        int colon = chainId.indexOf(':');
        return colon < 0 ? chainId : chainId.substring(colon + 1);
    }

    private static MessageDigest sha256() {
        return Digest.newDigester();
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Trees.deleteRecursively(path);
        } catch (IOException ignored) {
            // left for a later cleanup
        }
    }
}

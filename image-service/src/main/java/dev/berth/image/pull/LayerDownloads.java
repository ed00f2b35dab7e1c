package dev.berth.image.pull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.ContentStore;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryCredentials;

/**
 * Layer downloads of every pull on this service: at most {@code maxConcurrent} run at once (the
 * rest report WAITING until a slot frees), and a blob already being downloaded is not downloaded
 * again: later askers wait for the first download and check its result against their own diff id.
 * If that download fails, each waiter tries on its own (the failure may have been the first
 * asker's credentials or config).
 */
public final class LayerDownloads implements AutoCloseable {

    private final LayerFetch fetch;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final ConcurrentMap<Digest, CompletableFuture<StoredLayer>> inFlight = new ConcurrentHashMap<>();

    /** Downloads from the registry into {@code content}, as configured. */
    public static LayerDownloads from(RegistryClient registry, ContentStore content, PullProperties properties) {
        return new LayerDownloads(new LayerFetch(registry::openBlob, content), properties.maxConcurrentDownloads());
    }

    LayerDownloads(LayerFetch fetch, int maxConcurrent) {
        this.fetch = fetch;
        this.slots = new Semaphore(maxConcurrent, true);
        AtomicInteger counter = new AtomicInteger();
        // one thread per queued layer is cheap: queued ones only wait on the semaphore
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "layer-download-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The layer, its digest verified and in the content store, when the future completes; with
     * {@code measure}, decompressed on the way for its diff id (a download shared with another
     * pull may come without: then the puller measures it).
     */
    CompletableFuture<StoredLayer> download(ImageReference repository, Descriptor layer, RegistryCredentials credentials,
            PullListener listener, boolean measure) {
        CompletableFuture<StoredLayer> mine = new CompletableFuture<>();
        CompletableFuture<StoredLayer> running = inFlight.putIfAbsent(layer.digest(), mine);
        if (running != null) {
            listener.layer(layer.digest(), LayerPhase.WAITING, 0, 0);
            return running.handle((done, failure) -> failure == null
                    ? CompletableFuture.completedFuture(shared(done, listener))
                    : download(repository, layer, credentials, listener, measure))
                    .thenCompose(next -> next);
        }
        threads.execute(() -> {
            try {
                mine.complete(runInSlot(repository, layer, credentials, listener, measure));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            } finally {
                inFlight.remove(layer.digest(), mine);
            }
        });
        return mine;
    }

    private StoredLayer runInSlot(ImageReference repository, Descriptor layer, RegistryCredentials credentials,
            PullListener listener, boolean measure) {
        if (!slots.tryAcquire()) {
            listener.layer(layer.digest(), LayerPhase.WAITING, 0, 0);
            slots.acquireUninterruptibly();
        }
        try {
            return fetch.fetch(repository, layer, credentials, listener, measure);
        } finally {
            slots.release();
        }
    }

    /** Another pull's download of the same blob, seen from this pull (which checks its own diff id). */
    private static StoredLayer shared(StoredLayer done, PullListener listener) {
        listener.layer(done.digest(), LayerPhase.DOWNLOAD_COMPLETE, 0, 0);
        return done;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}

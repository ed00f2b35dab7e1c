package dev.berth.image.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.pull.PullFixtures.Layer;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.RegistryCredentials;

/** The download pool: its limit, one download per blob, and local verification, with a held source. */
class LayerDownloadsTest {

    private static final ImageReference REPO = ImageReference.parse("127.0.0.1:1/x/y");
    private static final RegistryCredentials ANONYMOUS = RegistryCredentials.anonymous();

    @TempDir
    Path root;
    private LocalContentStore content;
    private final HeldSource source = new HeldSource();
    private final RecordingListener listener = new RecordingListener();
    private LayerDownloads downloads;

    @BeforeEach
    void store() {
        content = new LocalContentStore(root);
    }

    @AfterEach
    void stop() {
        source.release();
        if (downloads != null) {
            downloads.close();
        }
    }

    @Test
    void download_moreLayersThanSlots_runsAtMostTheLimitAtOnce() throws Exception {
        downloads = new LayerDownloads(new LayerFetch(source, content), 2);
        List<Layer> layers = new ArrayList<>();
        List<CompletableFuture<StoredLayer>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Layer layer = source.add(PullFixtures.gzipLayer("l" + i));
            layers.add(layer);
            pending.add(downloads.download(REPO, layer.descriptor(), ANONYMOUS, listener, true));
        }

        source.awaitOpen(2);
        awaitWaiting(3);
        assertThat(source.open.get()).isEqualTo(2);
        source.release();

        for (int i = 0; i < 5; i++) {
            assertThat(pending.get(i).get(10, TimeUnit.SECONDS).uncompressed().orElseThrow().digest()).isEqualTo(layers.get(i).diffId());
        }
        assertThat(source.maxOpen.get()).isEqualTo(2);
    }

    @Test
    void download_sameBlobByTwoPulls_downloadsItOnce() throws Exception {
        downloads = new LayerDownloads(new LayerFetch(source, content), 3);
        Layer layer = source.add(PullFixtures.gzipLayer("shared"));
        RecordingListener second = new RecordingListener();

        CompletableFuture<StoredLayer> first = downloads.download(REPO, layer.descriptor(), ANONYMOUS,
                listener, true);
        source.awaitOpen(1);
        CompletableFuture<StoredLayer> other = downloads.download(REPO, layer.descriptor(), ANONYMOUS,
                second, true);
        assertThat(second.phasesOf(layer.digest())).containsExactly("WAITING");
        source.release();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(other.get(10, TimeUnit.SECONDS));
        assertThat(source.opened(layer.digest())).isEqualTo(1);
        assertThat(second.phasesOf(layer.digest())).containsExactly("WAITING", "DOWNLOAD_COMPLETE");
    }

    @Test
    void download_unmeasured_isNotDecompressed_andAFollowerReadsItWhileItArrives() throws Exception {
        downloads = new LayerDownloads(new LayerFetch(source, content), 3);
        Layer layer = source.add(PullFixtures.gzipLayer("followed"));

        CompletableFuture<StoredLayer> stored = downloads.download(REPO, layer.descriptor(), ANONYMOUS, listener, false);
        awaitPhase(layer.digest(), "DOWNLOADING");
        CompletableFuture<byte[]> followed = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = content.follow(layer.digest())) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(followed).as("the follower waits for the held download").isNotDone();
        source.release();

        assertThat(followed.get(10, TimeUnit.SECONDS)).isEqualTo(layer.blob());
        assertThat(stored.get(10, TimeUnit.SECONDS)).isEqualTo(new StoredLayer(layer.digest(), layer.blob().length,
                Optional.empty()));
    }

    @Test
    void download_thatFails_failsItsFollowerToo() throws Exception {
        downloads = new LayerDownloads(new LayerFetch(source, content), 3);
        Layer layer = PullFixtures.gzipLayer("corrupt");
        byte[] corrupt = layer.blob().clone();
        corrupt[corrupt.length - 1] ^= 1;
        source.blobs.put(layer.digest(), corrupt);

        CompletableFuture<StoredLayer> stored = downloads.download(REPO, layer.descriptor(), ANONYMOUS, listener, false);
        awaitPhase(layer.digest(), "DOWNLOADING");
        InputStream follower = content.follow(layer.digest());
        source.release();

        assertThatThrownBy(follower::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("failed");
        assertThatThrownBy(() -> stored.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(content.info(layer.digest())).isEmpty();
    }

    @Test
    void download_blobAlreadyInTheStore_isVerifiedLocallyWithoutTheSource() throws Exception {
        downloads = new LayerDownloads(new LayerFetch(source, content), 3);
        Layer layer = PullFixtures.gzipLayer("local");
        try (var writer = content.writer()) {
            writer.stream().write(layer.blob());
            writer.commit(layer.blob().length, layer.digest());
        }

        StoredLayer verified = downloads.download(REPO, layer.descriptor(), ANONYMOUS, listener, true)
                .get(10, TimeUnit.SECONDS);

        assertThat(verified).isEqualTo(new StoredLayer(layer.digest(), layer.blob().length,
                Optional.of(new UncompressedDigest(layer.diffId(), layer.tarSize()))));
        assertThat(source.opened(layer.digest())).isZero();
    }

    @Test
    void download_notCompressedData_failsAndStoresNothing() {
        downloads = new LayerDownloads(new LayerFetch(source, content), 3);
        Layer layer = source.add(PullFixtures.gzipLayer("fine"));
        source.release();

        // a gzip magic followed by garbage: the decompressor refuses it, the blob's digest is right
        byte[] garbage = new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8};
        Layer broken = source.add(new Layer(Descriptor.of(layer.descriptor().mediaType(), Digest.of(garbage),
                garbage.length), garbage, layer.diffId(), 0));

        assertThatThrownBy(() -> downloads.download(REPO, broken.descriptor(), ANONYMOUS, listener, true)
                .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BerthException.class)
                .hasMessageContaining("failed to decompress layer " + broken.digest());
        assertThat(content.info(broken.digest())).isEmpty();
    }

    private void awaitPhase(Digest layer, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listener.phasesOf(layer).contains(phase)) {
            assertThat(System.nanoTime()).as(phase + " of " + layer).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.events.stream().filter(e -> e.startsWith("WAITING")).count() < count) {
            assertThat(System.nanoTime()).as("WAITING events").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Serves layer blobs whose reads block until released, counting the downloads open at once. */
    private static final class HeldSource implements LayerSource {
        final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
        private final Map<Digest, AtomicInteger> opens = new ConcurrentHashMap<>();
        private final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();

        Layer add(Layer layer) {
            blobs.put(layer.digest(), layer.blob());
            return layer;
        }

        void release() {
            released.countDown();
        }

        int opened(Digest digest) {
            AtomicInteger count = opens.get(digest);
            return count == null ? 0 : count.get();
        }

        void awaitOpen(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (open.get() < count) {
                assertThat(System.nanoTime()).as("open downloads").isLessThan(deadline);
                Thread.sleep(5);
            }
        }

        @Override
        public InputStream open(ImageReference repository, Descriptor layer, RegistryCredentials credentials) {
            opens.computeIfAbsent(layer.digest(), d -> new AtomicInteger()).incrementAndGet();
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            InputStream bytes = new ByteArrayInputStream(blobs.get(layer.digest()));
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    hold();
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    hold();
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public void close() {
                    open.decrementAndGet();
                }
            };
        }

        private void hold() throws IOException {
            try {
                if (!released.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}

package dev.berth.image.push;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.pull.ProgressThrottle;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.BlobSource;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.PushOutcome;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryCredentials;
import dev.berth.image.registry.XRegistryAuth;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

/**
 * {@code docker push}, as dockerd does it: per tag, each layer the registry lacks (HEAD first; up to
 * {@value #MAX_CONCURRENT_UPLOADS} layers at once), by a cross-repository mount from a repository of
 * the same registry the image is known in when the registry allows it, else uploaded; then the
 * config and the manifest. The manifest is the one the image was pulled with, byte for byte, or one
 * built (and kept) for an image that has none. The pushed repository then becomes one of the
 * image's repo digests.
 */
public final class ImagePusher {

    static final int MAX_CONCURRENT_UPLOADS = 5;

    private final RegistryClient registry;
    private final ContentStore content;
    private final ImageMetadataStore metadata;
    private final BlobCollector collector;
    private final ManifestFinder finder;
    private final ManifestBuilder builder;
    /** Layer uploads of every push on this service, at most as many at once as dockerd's default. */
    private final ExecutorService uploads = Executors.newFixedThreadPool(MAX_CONCURRENT_UPLOADS, task -> {
        Thread thread = new Thread(task, "layer-upload");
        thread.setDaemon(true);
        return thread;
    });

    public ImagePusher(RegistryClient registry, ContentStore content, ImageMetadataStore metadata,
            BlobCollector collector) {
        this.registry = registry;
        this.content = content;
        this.metadata = metadata;
        this.collector = collector;
        this.finder = new ManifestFinder(content);
        this.builder = new ManifestBuilder(content);
    }

    /**
     * @param name         the repository, optionally with a tag ({@code 127.0.0.1:5000/x/y[:t]})
     * @param tag          the tag to push; empty for the name's tag, or every tag of the repository
     * @param registryAuth the raw {@code X-Registry-Auth} header, empty for anonymous
     * @throws BerthException NOT_FOUND "An image does not exist locally with the tag: ..." before
     *         anything is sent; the registry client's errors (unauthorized, unavailable) after
     */
    public void push(String name, String tag, String registryAuth, PushListener listener) {
        ImageReference repository = ImageReference.parse(name);
        if (repository.digest().isPresent()) {
            throw BerthException.invalid("cannot push a digest reference");
        }
        RegistryCredentials credentials = XRegistryAuth.decode(registryAuth);
        List<ImageReference> tags = tagsToPush(repository, tag);
        List<ImageRecord> images = tags.stream()
                .map(tagged -> metadata.findByTag(tagged).orElseThrow(() -> noSuchTag(tagged))).toList();
        listener.started(repository.name());
        try (BlobCollector.Lease lease = collector.lease()) {
            for (int i = 0; i < tags.size(); i++) {
                pushTag(tags.get(i), images.get(i), credentials, listener);
            }
        }
    }

    private List<ImageReference> tagsToPush(ImageReference repository, String tag) {
        if (tag != null && !tag.isEmpty()) {
            return List.of(ImageReference.parseWithTag(repository.toString(), tag));
        }
        if (repository.tag().isPresent()) {
            return List.of(repository);
        }
        List<ImageReference> tags = metadata.all().stream().flatMap(image -> metadata.tagsOf(image.id()).stream())
                .filter(t -> t.name().equals(repository.name())).distinct().sorted(
                        java.util.Comparator.comparing(ImageReference::toString)).toList();
        if (tags.isEmpty()) {
            throw noSuchTag(repository);
        }
        return tags;
    }

    private void pushTag(ImageReference tagged, ImageRecord image, RegistryCredentials credentials,
            PushListener listener) {
        PushableManifest manifest = finder.find(image).orElseGet(() -> {
            PushableManifest built = builder.build(image);
            metadata.update(image.withBuiltManifest(built.digest()));
            return built;
        });
        List<Descriptor> layers = manifest.document().layers();
        List<Digest> diffIds = image.layers().stream().map(l -> l.diffId()).toList();
        for (int i = 0; i < layers.size(); i++) {
            listener.layer(diffId(diffIds, layers, i), PushPhase.PREPARING, 0, 0, "");
        }
        Optional<ImageReference> mountFrom = mountSource(tagged, image);
        Map<Digest, CompletableFuture<Void>> pushes = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            Digest diffId = diffId(diffIds, layers, i);
            // a blob twice in the image is sent once
            pushes.computeIfAbsent(layer.digest(), digest -> CompletableFuture.runAsync(
                    () -> pushLayer(tagged, layer, diffId, mountFrom, credentials, listener), uploads));
        }
        awaitAll(pushes.values());
        Descriptor config = manifest.document().config();
        registry.pushBlob(tagged, config, BlobSource.of(content, config.digest()), mountFrom.orElse(null),
                credentials);
        Digest pushed = registry.pushManifest(tagged, manifest.mediaType(), manifest.bytes(), credentials);
        metadata.findByTag(tagged).ifPresent(current -> metadata.update(current.withRepoDigest(
                tagged.name() + "@" + pushed)));
        listener.tagPushed(tagged.tag().orElseThrow(), pushed, manifest.bytes().length);
    }

    private void pushLayer(ImageReference tagged, Descriptor layer, Digest diffId, Optional<ImageReference> mountFrom,
            RegistryCredentials credentials, PushListener listener) {
        ProgressThrottle throttle = new ProgressThrottle(layer.size());
        BlobSource source = () -> new Counting(content.open(layer.digest()), sent -> {
            if (throttle.shouldReport(sent)) {
                listener.layer(diffId, PushPhase.PUSHING, sent, layer.size(), "");
            }
        });
        PushOutcome outcome = registry.pushBlob(tagged, layer, source, mountFrom.orElse(null), credentials);
        switch (outcome) {
            case ALREADY_EXISTS -> listener.layer(diffId, PushPhase.LAYER_ALREADY_EXISTS, 0, 0, "");
            case MOUNTED -> listener.layer(diffId, PushPhase.MOUNTED, 0, 0, mountFrom.orElseThrow().path());
            case UPLOADED -> listener.layer(diffId, PushPhase.PUSHED, 0, 0, "");
        }
    }

    /** Waits for every layer; the first failure (in layer order) is the push's. */
    private static void awaitAll(Iterable<CompletableFuture<Void>> pushes) {
        CompletableFuture<?>[] all = java.util.stream.StreamSupport.stream(pushes.spliterator(), false)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).join();
        } catch (CompletionException e) {
            for (CompletableFuture<?> push : all) {
                if (push.isCompletedExceptionally()) {
                    try {
                        push.join();
                    } catch (CompletionException failed) {
                        Throwable cause = failed.getCause();
                        throw cause instanceof RuntimeException runtime ? runtime : failed;
                    }
                }
            }
            throw e;
        }
    }

    /** Another repository of the target's registry the image is known in (a repo digest), if any. */
    private static Optional<ImageReference> mountSource(ImageReference target, ImageRecord image) {
        List<ImageReference> candidates = new ArrayList<>();
        for (String repoDigest : image.repoDigests()) {
            ImageReference known = ImageReference.parse(repoDigest);
            if (known.domain().equals(target.domain()) && !known.path().equals(target.path())) {
                candidates.add(known.withoutDigest());
            }
        }
        return candidates.stream().findFirst();
    }

    /** Docker names pushed layers by diff id; a manifest with other layers than the record falls back to the blob. */
    private static Digest diffId(List<Digest> diffIds, List<Descriptor> layers, int i) {
        return diffIds.size() == layers.size() ? diffIds.get(i) : layers.get(i).digest();
    }

    private static BerthException noSuchTag(ImageReference reference) {
        return BerthException.notFound("An image does not exist locally with the tag: " + reference.familiarName());
    }

    /** Reports the bytes read so far; a repeated request opens a new one and counts afresh. */
    private static final class Counting extends FilterInputStream {
        private final java.util.function.LongConsumer report;
        private long count;

        Counting(InputStream in, java.util.function.LongConsumer report) {
            super(in);
            this.report = report;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                report.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                report.accept(count);
            }
            return n;
        }
    }
}

package dev.berth.image.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.FetchedManifest;
import dev.berth.image.registry.ImageManifest;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.registry.RegistryCredentials;
import dev.berth.image.registry.ResolvedImage;
import dev.berth.image.registry.XRegistryAuth;
import dev.berth.image.spec.ImageConfigCodec;
import dev.berth.image.spec.ImageConfigDocument;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * {@code docker pull}, as dockerd does it: resolve the reference (an index to one platform), keep
 * the manifests and the config, get every layer the store lacks, then record the image with its
 * tag and repo digest. An image whose config is already recorded needs no layer work at all. The
 * image is recorded only after every layer has been verified, so a failed pull records nothing.
 */
public final class ImagePuller {

    private final RegistryClient registry;
    private final ContentStore content;
    private final ImageMetadataStore metadata;
    private final LayerDownloads downloads;
    private final Platform hostPlatform;
    private final Clock clock;

    public ImagePuller(RegistryClient registry, ContentStore content, ImageMetadataStore metadata,
            LayerDownloads downloads, Platform hostPlatform, Clock clock) {
        this.registry = registry;
        this.content = content;
        this.metadata = metadata;
        this.downloads = downloads;
        this.hostPlatform = hostPlatform;
        this.clock = clock;
    }

    /**
     * @param referenceText what the user asked for: {@code name[:tag]} or {@code name@digest}
     * @param platformText  {@code os/arch[/variant]}, empty for the host's
     * @param registryAuth  the raw {@code X-Registry-Auth} header, empty for anonymous
     * @throws BerthException with Docker's message: invalid reference, manifest unknown, registry
     *         down, digest mismatch
     */
    public PullOutcome pull(String referenceText, String platformText, String registryAuth, PullListener listener) {
        return pull(referenceText, platformText, registryAuth, listener, Optional.empty());
    }

    /**
     * As {@link #pull(String, String, String, PullListener)}, for a caller that unpacks each layer
     * as its download starts (the first DOWNLOADING event) and reports what it measured in
     * {@code unpacks}: the layers are then never decompressed here, and the image is recorded once
     * every downloaded layer's report matches its diff id.
     */
    public PullOutcome pull(String referenceText, String platformText, String registryAuth, PullListener listener,
            Optional<CallerUnpacks> unpacks) {
        ImageReference reference = ImageReference.parse(referenceText).withDefaultTag();
        Platform platform = platformText == null || platformText.isEmpty() ? hostPlatform : Platform.parse(platformText);
        RegistryCredentials credentials = XRegistryAuth.decode(registryAuth);

        ResolvedImage resolved = registry.resolve(reference, platform, credentials);
        FetchedManifest top = resolved.index().orElse(resolved.manifest());
        listener.started(reference.path(), reference.digest().orElseGet(() -> reference.tag().orElseThrow()));

        resolved.index().ifPresent(this::keep);
        keep(resolved.manifest());
        ImageManifest manifest = resolved.image();
        Digest imageId = manifest.config().digest();
        ImageRecord image = metadata.get(imageId)
                .orElseGet(() -> pullLayers(reference, manifest, credentials, listener, unpacks));

        Optional<ImageReference> tag = reference.digest().isPresent() ? Optional.empty() : Optional.of(reference);
        boolean upToDate = metadata.savePulled(image, tag, reference.name() + "@" + top.digest());
        return new PullOutcome(top.digest(), upToDate, reference.familiarString(), imageId);
    }

    private ImageRecord pullLayers(ImageReference reference, ImageManifest manifest, RegistryCredentials credentials,
            PullListener listener, Optional<CallerUnpacks> unpacks) {
        ImageConfigDocument config = fetchConfig(reference, manifest.config(), credentials);
        List<Digest> diffIds = diffIds(config, manifest);
        List<Descriptor> layers = manifest.layers();
        listener.layers(layers, diffIds);

        List<CompletableFuture<StoredLayer>> pending = new ArrayList<>();
        List<Boolean> downloaded = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            Optional<StoredLayer> known = knownLayer(layer, diffIds.get(i));
            if (known.isPresent()) {
                listener.layer(layer.digest(), LayerPhase.ALREADY_EXISTS, 0, 0);
                pending.add(CompletableFuture.completedFuture(known.get()));
            } else {
                listener.layer(layer.digest(), LayerPhase.PULLING_FS_LAYER, 0, 0);
                pending.add(downloads.download(reference, layer, credentials, listener, unpacks.isEmpty()));
            }
            downloaded.add(known.isEmpty());
        }

        List<LayerRecord> records = new ArrayList<>();
        long size = 0;
        CompletableFuture<Void> firstFailure = firstFailureOf(pending);
        for (int i = 0; i < layers.size(); i++) {
            StoredLayer layer = await(pending.get(i), firstFailure);
            UncompressedDigest tar = layer.uncompressed().isPresent() ? layer.uncompressed().get()
                    : unpacked(layer.digest(), unpacks, firstFailure);
            tar.require(layer.digest(), diffIds.get(i));
            if (downloaded.get(i)) {
                // decompressed and checked as it streamed: Docker's extraction, already done
                listener.layer(layer.digest(), LayerPhase.EXTRACTING, layer.size(), layer.size());
                listener.layer(layer.digest(), LayerPhase.PULL_COMPLETE, 0, 0);
            }
            records.add(new LayerRecord(layer.digest(), tar.digest(), layer.size(), layers.get(i).mediaType(),
                    tar.size()));
            size += tar.size();
        }
        return new ImageRecord(manifest.config().digest(), manifest.config().digest(), records, created(config), size);
    }

    /** A layer some recorded image has with this diff id, whose blob is still in the store. */
    private Optional<StoredLayer> knownLayer(Descriptor layer, Digest diffId) {
        return metadata.findLayer(layer.digest())
                .filter(known -> known.diffId().equals(diffId))
                .filter(known -> content.info(layer.digest()).isPresent())
                .map(known -> new StoredLayer(known.digest(), known.size(),
                        Optional.of(new UncompressedDigest(known.diffId(), known.uncompressedSize()))));
    }

    /**
     * What the caller's unpack measured of a downloaded layer; measured here from the stored blob
     * when the caller does not unpack, or unpacked it without measuring (no node).
     */
    private UncompressedDigest unpacked(Digest layer, Optional<CallerUnpacks> unpacks, CompletableFuture<Void> firstFailure) {
        Optional<UncompressedDigest> reported = unpacks.isPresent()
                ? await(unpacks.get().of(layer), firstFailure) : Optional.empty();
        return reported.orElseGet(() -> LayerFetch.measureStored(content, layer));
    }

    private ImageConfigDocument fetchConfig(ImageReference reference, Descriptor config, RegistryCredentials credentials) {
        if (content.info(config.digest()).isEmpty()) {
            registry.fetchBlob(reference, config, content, credentials);
        }
        try (InputStream in = content.open(config.digest())) {
            return ImageConfigCodec.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Digest> diffIds(ImageConfigDocument config, ImageManifest manifest) {
        List<String> diffIds = config.rootfs() == null || config.rootfs().diffIds() == null
                ? List.of() : config.rootfs().diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw BerthException.invalid("image config " + manifest.config().digest() + " has " + diffIds.size()
                    + " diff ids for " + manifest.layers().size() + " layers");
        }
        return diffIds.stream().map(Digest::parse).toList();
    }

    private Instant created(ImageConfigDocument config) {
        try {
            return config.created() == null ? clock.instant() : Instant.parse(config.created());
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    /** Stores a manifest's raw bytes, which its digest covers; a manifest already there is kept. */
    private void keep(FetchedManifest manifest) {
        if (content.info(manifest.digest()).isPresent()) {
            return;
        }
        try (ContentWriter writer = content.writer()) {
            writer.stream().write(manifest.bytes());
            writer.commit(manifest.bytes().length, manifest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails as soon as any layer fails, so a broken last layer is not hidden behind a slow first one. */
    private static CompletableFuture<Void> firstFailureOf(List<CompletableFuture<StoredLayer>> pending) {
        CompletableFuture<Void> failure = new CompletableFuture<>();
        pending.forEach(layer -> layer.whenComplete((done, error) -> {
            if (error != null) {
                failure.completeExceptionally(error);
            }
        }));
        return failure;
    }

    private static <T> T await(CompletableFuture<T> layer, CompletableFuture<Void> firstFailure) {
        try {
            CompletableFuture.anyOf(layer, firstFailure).join();
            return layer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CompletionException(cause);
        }
    }
}

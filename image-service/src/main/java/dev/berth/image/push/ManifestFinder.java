package dev.berth.image.push;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.ImageIndex;
import dev.berth.image.registry.ImageManifest;
import dev.berth.image.registry.ManifestDocument;
import dev.berth.image.registry.ManifestParser;
import dev.berth.image.store.ImageRecord;

/**
 * The manifest an image already has in the store: the one it was pulled with (named by a repo
 * digest, or the platform's entry of the index a repo digest names), else the one built for an
 * earlier push. Pushing those bytes unchanged keeps the digest the image had on its registry.
 */
final class ManifestFinder {

    private final Provider content;

    ManifestFinder(Provider content) {
        this.content = content;
    }

    Optional<PushableManifest> find(ImageRecord image) {
        List<Digest> candidates = new ArrayList<>();
        for (String repoDigest : image.repoDigests()) {
            candidates.add(Digest.parse(repoDigest.substring(repoDigest.lastIndexOf('@') + 1)));
        }
        if (image.builtManifest() != null) {
            candidates.add(image.builtManifest());
        }
        for (Digest candidate : candidates) {
            Optional<PushableManifest> found = manifestOf(candidate, image.id(), true);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<PushableManifest> manifestOf(Digest digest, Digest imageId, boolean followIndex) {
        Optional<byte[]> bytes = read(digest);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        ManifestDocument document;
        try {
            document = ManifestParser.parse("", bytes.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (document instanceof ImageManifest manifest) {
            return manifest.config().digest().equals(imageId)
                    ? Optional.of(new PushableManifest(digest, manifest.mediaType(), bytes.get(), manifest))
                    : Optional.empty();
        }
        if (followIndex && document instanceof ImageIndex index) {
            for (Descriptor entry : index.manifests()) {
                Optional<PushableManifest> found = manifestOf(entry.digest(), imageId, false);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> read(Digest digest) {
        if (content.info(digest).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = content.open(digest)) {
            return Optional.of(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

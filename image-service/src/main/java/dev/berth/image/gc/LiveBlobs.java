package dev.berth.image.gc;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.ImageIndex;
import dev.berth.image.registry.ImageManifest;
import dev.berth.image.registry.ManifestDocument;
import dev.berth.image.registry.ManifestParser;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * The blobs recorded images need: each one's config and layers, the manifests (and indexes) its
 * repo digests name, what those manifests reference and the manifest built for pushing it.
 * A manifest that cannot be read is kept with what it names unknown: being wrong here must only
 * ever keep too much.
 */
final class LiveBlobs {

    private final Provider content;
    private final Set<Digest> live = new HashSet<>();

    private LiveBlobs(Provider content) {
        this.content = content;
    }

    static Set<Digest> of(Iterable<ImageRecord> images, Provider content) {
        LiveBlobs blobs = new LiveBlobs(content);
        images.forEach(blobs::add);
        return blobs.live;
    }

    private void add(ImageRecord image) {
        live.add(image.configDigest());
        image.layers().stream().map(LayerRecord::digest).forEach(live::add);
        for (String repoDigest : image.repoDigests()) {
            int at = repoDigest.lastIndexOf('@');
            if (at > 0) {
                addManifest(Digest.parse(repoDigest.substring(at + 1)));
            }
        }
        if (image.builtManifest() != null) {
            addManifest(image.builtManifest());
        }
    }

    private void addManifest(Digest digest) {
        if (!live.add(digest) || content.info(digest).isEmpty()) {
            return;
        }
        ManifestDocument document;
        try (InputStream in = content.open(digest)) {
            document = ManifestParser.parse("", in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (document instanceof ImageManifest manifest) {
            live.add(manifest.config().digest());
            manifest.layers().stream().map(Descriptor::digest).forEach(live::add);
        } else if (document instanceof ImageIndex index) {
            index.manifests().stream().map(Descriptor::digest).forEach(this::addManifest);
        }
    }
}

package dev.berth.image.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;
import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.store.ImageRecord;

/** Finds images the way Docker does (GetImage) and lists them. */
public final class ImageCatalog {

    private static final String ID_PREFIX = Digest.ALGORITHM + ":";

    private final ImageMetadataStore store;
    private final ImageConfigReader configs;

    public ImageCatalog(ImageMetadataStore store, Provider content) {
        this.store = store;
        this.configs = new ImageConfigReader(content);
    }

    /**
     * Resolves, in Docker's order: a full id ({@code sha256:<hex>} or {@code <hex>}); else a name
     * ({@code name[:tag]}, tag defaulting to latest, or {@code name@digest}, found by the repo
     * digests pulls record); else a unique id prefix. An ambiguous prefix resolves to nothing, as in
     * Docker.
     *
     * @throws BerthException {@code No such image: <ref>} with Docker's rendering of the ref
     * @throws dev.berth.common.error.BerthException for a malformed reference
     */
    public ImageDetails resolve(String refOrId) {
        Optional<Digest> fullId = parseFullId(refOrId);
        if (fullId.isPresent()) {
            return store.get(fullId.get()).map(this::details)
                    .orElseThrow(() -> BerthException.notFound("No such image: " + fullId.get()));
        }
        ImageReference reference = ImageReference.parse(refOrId);
        Optional<ImageRecord> found = reference.digest().isPresent()
                ? store.findByRepoDigest(reference.name() + "@" + reference.digest().get())
                : store.findByTag(reference.withDefaultTag());
        return found.or(() -> findByUniquePrefix(refOrId))
                .map(this::details)
                .orElseThrow(() -> BerthException.notFound(
                        "No such image: " + reference.withDefaultTag().familiarString()));
    }

    /** Images matching the filters, newest first. */
    public List<ImageDetails> list(ImageFilters filters) {
        return store.all().stream().map(this::details).filter(filters::matches).toList();
    }

    /**
     * docker images: as {@link #list}, but without the intermediate images of builds and commits
     * (untagged, and the parent of another image) unless {@code all}, as Docker hides them.
     */
    public List<ImageDetails> list(ImageFilters filters, boolean all) {
        List<ImageRecord> records = store.all();
        Set<Digest> parents = new HashSet<>();
        records.forEach(record -> {
            if (record.parent() != null) {
                parents.add(record.parent());
            }
        });
        return records.stream().map(this::details)
                .filter(image -> all || !image.tags().isEmpty() || !parents.contains(image.record().id()))
                .filter(filters::matches).toList();
    }

    private static Optional<Digest> parseFullId(String refOrId) {
        if (Digest.isHex(refOrId)) {
            return Optional.of(Digest.fromHex(refOrId));
        }
        if (refOrId.startsWith(ID_PREFIX) && Digest.isHex(refOrId.substring(ID_PREFIX.length()))) {
            return Optional.of(Digest.parse(refOrId));
        }
        return Optional.empty();
    }

    private Optional<ImageRecord> findByUniquePrefix(String refOrId) {
        String prefix = refOrId.startsWith(ID_PREFIX) ? refOrId.substring(ID_PREFIX.length()) : refOrId;
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        List<ImageRecord> matches = store.findByIdPrefix(prefix);
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private ImageDetails details(ImageRecord record) {
        return new ImageDetails(record, configs.read(record.configDigest()), store.tagsOf(record.id()));
    }
}

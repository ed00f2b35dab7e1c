package dev.berth.image.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageDetails;
import dev.berth.image.content.Provider;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.ImageMetadataStore;

/**
 * {@code docker save}: names resolved as dockerd does (a tag saves that tag, a bare repository
 * every tag of it, an id the image untagged), then written as one archive.
 */
public final class ImageSaver {

    private final ImageCatalog catalog;
    private final ImageMetadataStore metadata;
    private final ImageArchiveWriter writer;

    public ImageSaver(ImageCatalog catalog, ImageMetadataStore metadata, Provider content) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.writer = new ImageArchiveWriter(content);
    }

    /** A save whose names all resolved: nothing can be unknown once writing begins. */
    public interface Archive {
        void writeTo(OutputStream out) throws IOException;
    }

    /** @throws BerthException NOT_FOUND for a name that is no image, before anything is written */
    public Archive prepare(List<String> names) {
        if (names.isEmpty()) {
            throw BerthException.invalid("no images to save");
        }
        Map<Digest, List<ImageReference>> tagsById = new LinkedHashMap<>();
        Map<Digest, ImageDetails> images = new LinkedHashMap<>();
        for (String name : expand(names)) {
            ImageDetails image = catalog.resolve(name);
            Digest id = image.record().id();
            images.putIfAbsent(id, image);
            List<ImageReference> tags = tagsById.computeIfAbsent(id, key -> new ArrayList<>());
            for (ImageReference tag : tagsFor(name, image)) {
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        List<SavedImage> saved = images.values().stream()
                .map(image -> new SavedImage(image.record(), tagsById.get(image.record().id()))).toList();
        return out -> writer.write(saved, out);
    }

    /** A bare repository stands for every tag of it, as dockerd saves. */
    private List<String> expand(List<String> names) {
        List<String> expanded = new ArrayList<>();
        for (String name : names) {
            List<ImageReference> tags = isBareRepository(name) ? tagsOfRepository(ImageReference.parse(name)) : List.of();
            if (tags.isEmpty()) {
                expanded.add(name);
            } else {
                tags.forEach(tag -> expanded.add(tag.toString()));
            }
        }
        return expanded;
    }

    private List<ImageReference> tagsOfRepository(ImageReference repository) {
        return metadata.all().stream().flatMap(record -> metadata.tagsOf(record.id()).stream())
                .filter(tag -> tag.name().equals(repository.name())).toList();
    }

    private static boolean isBareRepository(String name) {
        if (Digest.isHex(name) || name.startsWith(Digest.ALGORITHM + ":")) {
            return false;
        }
        try {
            ImageReference reference = ImageReference.parse(name);
            return reference.tag().isEmpty() && reference.digest().isEmpty();
        } catch (BerthException e) {
            return false;
        }
    }

    /** The tag a name saves the image under: none for an id or a digest. */
    private static List<ImageReference> tagsFor(String name, ImageDetails image) {
        String hex = name.startsWith(Digest.ALGORITHM + ":") ? name.substring(Digest.ALGORITHM.length() + 1) : name;
        if (image.record().id().hex().startsWith(hex)) {
            return List.of();
        }
        ImageReference reference = ImageReference.parse(name);
        return reference.digest().isPresent() ? List.of() : List.of(reference.withDefaultTag());
    }
}

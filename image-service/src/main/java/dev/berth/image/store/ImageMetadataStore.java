package dev.berth.image.store;

import dev.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.digest.Digest;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.store.StoredForms.StoredImage;
import dev.berth.image.store.StoredForms.StoredTags;

/**
 * Image records and tags, as JSON files under the root: {@code images/<hex>.json} per image and
 * {@code repositories.json} for the tags. Everything is loaded at start and kept in memory; every
 * change is written through atomically before it becomes visible. One lock guards both.
 */
public final class ImageMetadataStore {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path imagesDir;
    private final Path tagsFile;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Digest, ImageRecord> images = new HashMap<>();
    /** Full tagged reference ({@code docker.io/library/bb:1}) to image id. */
    private final Map<String, Digest> tags = new TreeMap<>();

    public ImageMetadataStore(Path root) {
        this.imagesDir = root.resolve("images");
        this.tagsFile = root.resolve("repositories.json");
        try {
            Files.createDirectories(imagesDir);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load image metadata from " + root, e);
        }
    }

    /**
     * Stores an image and, when given, points {@code tag} at it. A tag that named another image
     * moves; that image stays, untagged.
     */
    public void save(ImageRecord record, Optional<ImageReference> tag) {
        lock.writeLock().lock();
        try {
            AtomicFiles.write(imageFile(record.id()), MAPPER.writeValueAsBytes(StoredImage.of(record)));
            images.put(record.id(), record);
            if (tag.isPresent()) {
                Map<String, Digest> updated = new TreeMap<>(tags);
                updated.put(tagKey(tag.get()), record.id());
                writeTags(updated);
                tags.clear();
                tags.putAll(updated);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Records a pulled image: stores it (keeping the repo digests it already had), adds
     * {@code repoDigest} and points {@code tag}, when given, at it, all under one lock.
     *
     * @return true when nothing changed: the tag (or, for a pull by digest, the repo digest)
     *         already named this image, which Docker reports as "Image is up to date"
     */
    public boolean savePulled(ImageRecord pulled, Optional<ImageReference> tag, String repoDigest) {
        lock.writeLock().lock();
        try {
            ImageRecord existing = images.get(pulled.id());
            boolean upToDate = existing != null && (tag.isPresent()
                    ? pulled.id().equals(tags.get(tagKey(tag.get())))
                    : existing.repoDigests().contains(repoDigest));
            ImageRecord merged = (existing == null ? pulled : existing).withRepoDigest(repoDigest);
            if (!merged.equals(existing)) {
                AtomicFiles.write(imageFile(merged.id()), MAPPER.writeValueAsBytes(StoredImage.of(merged)));
                images.put(merged.id(), merged);
            }
            if (tag.isPresent() && !merged.id().equals(tags.get(tagKey(tag.get())))) {
                Map<String, Digest> updated = new TreeMap<>(tags);
                updated.put(tagKey(tag.get()), merged.id());
                writeTags(updated);
                tags.clear();
                tags.putAll(updated);
            }
            return upToDate;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Points {@code tag} at the recorded image {@code id}; a tag that named another image moves off
     * it (that image stays).
     *
     * @return false when the image is no longer recorded
     */
    public boolean tag(Digest id, ImageReference tag) {
        lock.writeLock().lock();
        try {
            if (!images.containsKey(id)) {
                return false;
            }
            if (!id.equals(tags.get(tagKey(tag)))) {
                Map<String, Digest> updated = new TreeMap<>(tags);
                updated.put(tagKey(tag), id);
                replaceTags(updated);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a tag; false when it named no image. */
    public boolean untag(ImageReference tag) {
        lock.writeLock().lock();
        try {
            if (!tags.containsKey(tagKey(tag))) {
                return false;
            }
            Map<String, Digest> updated = new TreeMap<>(tags);
            updated.remove(tagKey(tag));
            replaceTags(updated);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the record of an image that is still recorded (a repo digest dropped, a manifest built). */
    public boolean update(ImageRecord record) {
        lock.writeLock().lock();
        try {
            if (!images.containsKey(record.id())) {
                return false;
            }
            AtomicFiles.write(imageFile(record.id()), MAPPER.writeValueAsBytes(StoredImage.of(record)));
            images.put(record.id(), record);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Forgets an image and every tag naming it. The tags go first, so a crash in between leaves at
     * worst an untagged image, never a tag naming nothing. Its blobs stay for the collector.
     *
     * @return the tags it had
     */
    public List<ImageReference> delete(Digest id) {
        lock.writeLock().lock();
        try {
            List<ImageReference> removed = tagsOf(id);
            if (!removed.isEmpty()) {
                Map<String, Digest> updated = new TreeMap<>(tags);
                updated.values().removeIf(id::equals);
                replaceTags(updated);
            }
            Files.deleteIfExists(imageFile(id));
            images.remove(id);
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A layer with this blob digest in any recorded image: its diff id is then known to be right. */
    public Optional<LayerRecord> findLayer(Digest blob) {
        lock.readLock().lock();
        try {
            return images.values().stream().flatMap(image -> image.layers().stream())
                    .filter(layer -> layer.digest().equals(blob)).findFirst();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The image recorded under a repo digest ({@code domain/path@sha256:...}). */
    public Optional<ImageRecord> findByRepoDigest(String repoDigest) {
        lock.readLock().lock();
        try {
            return images.values().stream().filter(image -> image.repoDigests().contains(repoDigest)).findFirst();
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<ImageRecord> get(Digest id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(images.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** All images, newest first. */
    public List<ImageRecord> all() {
        lock.readLock().lock();
        try {
            List<ImageRecord> all = new ArrayList<>(images.values());
            all.sort(Comparator.comparing(ImageRecord::created).reversed());
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int count() {
        lock.readLock().lock();
        try {
            return images.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The image a tagged reference points at. */
    public Optional<ImageRecord> findByTag(ImageReference tagged) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(tags.get(tagKey(tagged))).map(images::get);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The tags pointing at an image, sorted. */
    public List<ImageReference> tagsOf(Digest id) {
        lock.readLock().lock();
        try {
            return tags.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(id))
                    .map(entry -> ImageReference.parse(entry.getKey()))
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The image a build step made before on {@code parent} (null: none) under {@code cacheKey}, newest first. */
    public Optional<ImageRecord> findCached(Digest parent, String cacheKey) {
        lock.readLock().lock();
        try {
            return images.values().stream()
                    .filter(image -> cacheKey.equals(image.cacheKey()) && java.util.Objects.equals(parent, image.parent()))
                    .max(java.util.Comparator.comparing(ImageRecord::created));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Images whose id hex starts with {@code hexPrefix}. */
    public List<ImageRecord> findByIdPrefix(String hexPrefix) {
        lock.readLock().lock();
        try {
            return images.values().stream().filter(image -> image.id().hex().startsWith(hexPrefix)).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private static String tagKey(ImageReference tagged) {
        return tagged.withoutDigest().withDefaultTag().toString();
    }

    private Path imageFile(Digest id) {
        return imagesDir.resolve(id.hex() + ".json");
    }

    /** Writes the new tags through, then makes them visible; call under the write lock. */
    private void replaceTags(Map<String, Digest> updated) {
        try {
            writeTags(updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tags.clear();
        tags.putAll(updated);
    }

    private void writeTags(Map<String, Digest> updated) throws IOException {
        Map<String, String> stored = new TreeMap<>();
        updated.forEach((key, id) -> stored.put(key, id.toString()));
        AtomicFiles.write(tagsFile, MAPPER.writeValueAsBytes(new StoredTags(stored)));
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(imagesDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".json")) {
                    ImageRecord record = MAPPER.readValue(Files.readAllBytes(file), StoredImage.class).toRecord();
                    images.put(record.id(), record);
                }
            }
        }
        if (Files.exists(tagsFile)) {
            StoredTags stored = MAPPER.readValue(Files.readAllBytes(tagsFile), StoredTags.class);
            if (stored.tags() != null) {
                // a crash between deleting an image and its tags cannot happen (tags go first), but an
                // edited or restored file might name images that are gone: such tags name nothing
                stored.tags().forEach((key, id) -> {
                    if (images.containsKey(Digest.parse(id))) {
                        tags.put(key, Digest.parse(id));
                    }
                });
            }
        }
    }
}
